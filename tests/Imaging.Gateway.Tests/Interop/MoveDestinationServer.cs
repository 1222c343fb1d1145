using System.Net;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Gateway.Tests;

/// <summary>A <see cref="DicomServer"/> of ours on a free loopback port, storing what a peer's C-MOVE sends it into a
/// temporary folder.</summary>
internal sealed class MoveDestinationServer : IAsyncDisposable
{
    public const string AETitle = "MOVEDEST";

    private readonly TempFolder _folder = new();
    private readonly FileSystemCStoreProvider _store;

    /// <param name="sopClasses">The storage classes it accepts; null for all of them.</param>
    public MoveDestinationServer(IReadOnlyCollection<string>? sopClasses = null)
    {
        _store = new FileSystemCStoreProvider(_folder.Path);
        var syntaxes = StandardAbstractSyntaxes.VerificationAndStorage();
        if (sopClasses is not null) syntaxes = syntaxes.Where(s => sopClasses.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value);
        Server = new DicomServer(new DicomServerOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Policy = new AssociationPolicy { CalledAETitles = [AETitle], AbstractSyntaxes = syntaxes },
            StoreProvider = _store,
        });
        Server.Start();
    }

    public DicomServer Server { get; }

    public int Port => Server.LocalEndPoint.Port;

    /// <summary>The SOP Instance UID of every instance stored, with the transfer syntax it was stored in.</summary>
    public IReadOnlyDictionary<string, string> Received() =>
        Directory.EnumerateFiles(_folder.Path, "*.dcm", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(_store.IncomingDirectory, StringComparison.Ordinal))
            .Select(f => DicomFileReader.Read(f))
            .ToDictionary(f => f.Dataset.GetString(DicomTags.SOPInstanceUID)!, f => f.TransferSyntax.Uid);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
