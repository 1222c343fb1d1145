namespace Imaging.Dicom.Network;

/// <summary>A presentation context proposed in an A-ASSOCIATE-RQ (PS3.8 9.3.2.2): one abstract syntax and the
/// transfer syntaxes the requestor can use for it.</summary>
/// <param name="Id">An odd number 1–255, unique within the association.</param>
public sealed record PresentationContextRequest(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
