namespace Imaging.Dicom.Network;

/// <summary>One upper layer protocol data unit (PS3.8 Section 9.3).</summary>
public abstract record Pdu
{
    public abstract PduType Type { get; }
}
