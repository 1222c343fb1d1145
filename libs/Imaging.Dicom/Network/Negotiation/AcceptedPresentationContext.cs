using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>A presentation context both sides agreed on: what DIMSE messages on its ID carry and how they are encoded.</summary>
/// <param name="RequestorIsScu">The association requestor may invoke operations of this SOP class (the default role).</param>
/// <param name="RequestorIsScp">The association requestor may perform them, as granted by role selection (PS3.7 D.3.3.4).</param>
public sealed record AcceptedPresentationContext(
    byte Id,
    string AbstractSyntax,
    DicomTransferSyntax TransferSyntax,
    bool RequestorIsScu = true,
    bool RequestorIsScp = false);
