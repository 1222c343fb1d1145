namespace Imaging.Dicom.Network;

/// <summary>DIMSE status codes (PS3.7 Annex C; C-STORE specifics in PS3.4 B.2.3).</summary>
public static class DimseStatus
{
    public const ushort Success = 0x0000;

    /// <summary>Warning: attribute list error (PS3.7 C.4.2).</summary>
    public const ushort AttributeListError = 0x0107;

    /// <summary>Warning: coercion of data elements (PS3.4 B.2.3).</summary>
    public const ushort CoercionOfDataElements = 0xB000;

    public const ushort DataSetDoesNotMatchSopClassWarning = 0xB007;
    public const ushort ElementsDiscarded = 0xB006;

    /// <summary>Refused: out of resources (PS3.4 B.2.3).</summary>
    public const ushort OutOfResources = 0xA700;

    /// <summary>Error: data set does not match SOP class (PS3.4 B.2.3).</summary>
    public const ushort DataSetDoesNotMatchSopClass = 0xA900;

    /// <summary>Error: cannot understand (PS3.4 B.2.3).</summary>
    public const ushort CannotUnderstand = 0xC000;

    /// <summary>Pending: a C-FIND match or C-MOVE/C-GET progress follows (PS3.4 C.4.1.1.4).</summary>
    public const ushort Pending = 0xFF00;

    /// <summary>Pending, but some optional keys were not supported for matching (PS3.4 C.4.1.1.4).</summary>
    public const ushort PendingWithWarning = 0xFF01;

    /// <summary>The operation was stopped by a C-CANCEL (PS3.4 C.4).</summary>
    public const ushort Cancel = 0xFE00;

    /// <summary>Failed: identifier does not match SOP class (PS3.4 C.4.1.1.4).</summary>
    public const ushort IdentifierDoesNotMatchSopClass = 0xA900;

    /// <summary>Failed: unable to process (PS3.4 C.4.1.1.4).</summary>
    public const ushort UnableToProcess = 0xC000;

    /// <summary>Refused: move destination unknown (PS3.4 C.4.2.1.5).</summary>
    public const ushort MoveDestinationUnknown = 0xA801;

    /// <summary>Refused: out of resources, unable to perform sub-operations (PS3.4 C.4.2.1.5).</summary>
    public const ushort OutOfResourcesSubOperations = 0xA702;

    /// <summary>Warning: sub-operations complete, one or more failures or warnings (PS3.4 C.4.2.1.5).</summary>
    public const ushort SubOperationsCompleteWithFailures = 0xB000;

    public const ushort ProcessingFailure = 0x0110;
    public const ushort SopClassNotSupported = 0x0122;
    public const ushort UnrecognizedOperation = 0x0211;

    public static bool IsSuccess(ushort status) => status == Success;

    public static bool IsWarning(ushort status) => status is AttributeListError or 0x0001 or (>= 0xB000 and <= 0xBFFF);

    public static bool IsFailure(ushort status) => !IsSuccess(status) && !IsWarning(status) && !IsPending(status) && status != 0xFE00;

    public static bool IsPending(ushort status) => status is 0xFF00 or 0xFF01;
}
