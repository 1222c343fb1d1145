using System.CommandLine;
using Imaging.Dicom.IO;

namespace Imaging.Cli.Scu;

/// <summary>`imaging get` options for the transfer syntaxes its C-STORE sub-operations may arrive in, named as DCMTK's
/// getscu names them (+xy / --prefer-jpeg8, +xa / --accept-all, ...). Uncompressed little endian is always proposed;
/// each option adds a syntax, so that a peer that does not transcode can send what it holds compressed.</summary>
internal sealed class StorageSyntaxArguments
{
    /// <summary>The getscu preference options, in the order the chosen syntaxes are proposed.</summary>
    private static readonly (string Name, string Alias, DicomTransferSyntax Syntax)[] Preferences =
    [
        ("--prefer-jpeg8", "+xy", DicomTransferSyntax.JpegBaseline),
        ("--prefer-jpeg12", "+xx", DicomTransferSyntax.JpegExtended),
        ("--prefer-lossless", "+xs", DicomTransferSyntax.JpegLosslessSV1),
        ("--prefer-jls-lossless", "+xt", DicomTransferSyntax.JpegLsLossless),
        ("--prefer-jls-lossy", "+xu", DicomTransferSyntax.JpegLsNearLossless),
        ("--prefer-j2k-lossless", "+xv", DicomTransferSyntax.Jpeg2000Lossless),
        ("--prefer-j2k-lossy", "+xw", DicomTransferSyntax.Jpeg2000),
        ("--prefer-rle", "+xr", DicomTransferSyntax.RleLossless),
        ("--prefer-deflated", "+xd", DicomTransferSyntax.DeflatedExplicitVRLittleEndian),
        ("--prefer-big", "+xb", DicomTransferSyntax.ExplicitVRBigEndian),
    ];

    /// <summary>What --accept-all proposes first: with the default storage classes only the first few get a context of
    /// their own (128 per association), the rest share one on which the peer picks, so the common ones lead.</summary>
    private static readonly DicomTransferSyntax[] AcceptAllLeaders =
    [
        DicomTransferSyntax.JpegBaseline, DicomTransferSyntax.JpegLosslessSV1, DicomTransferSyntax.RleLossless, DicomTransferSyntax.Jpeg2000Lossless,
        DicomTransferSyntax.JpegLsLossless, DicomTransferSyntax.Jpeg2000, DicomTransferSyntax.JpegExtended, DicomTransferSyntax.JpegLsNearLossless,
        DicomTransferSyntax.HtJ2kLossless, DicomTransferSyntax.HtJ2kRpclLossless, DicomTransferSyntax.HtJ2k,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRBigEndian,
    ];

    private readonly List<(Option<bool> Option, DicomTransferSyntax Syntax)> _preferences = [.. Preferences.Select(p =>
        (new Option<bool>(p.Name, p.Alias) { Description = $"Also accept instances in {p.Syntax.Name} (getscu {p.Alias})." }, p.Syntax))];

    public Option<bool> AcceptAll { get; } = new("--accept-all", "+xa")
    {
        Description = "Also accept every transfer syntax known to the toolkit (getscu +xa); with many, the peer picks among the later ones.",
    };

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _preferences) command.Options.Add(option);
        command.Options.Add(AcceptAll);
    }

    /// <summary>The syntaxes to propose besides uncompressed little endian, most wanted first; empty when none was asked for.</summary>
    public IReadOnlyList<DicomTransferSyntax> Read(ParseResult parseResult)
    {
        var syntaxes = _preferences.Where(p => parseResult.GetValue(p.Option)).Select(p => p.Syntax).ToList();
        if (parseResult.GetValue(AcceptAll))
            syntaxes.AddRange(AcceptAllLeaders.Concat(DicomTransferSyntax.All.OrderBy(s => s.Uid, StringComparer.Ordinal)));
        return [.. syntaxes.DistinctBy(s => s.Uid)];
    }
}
