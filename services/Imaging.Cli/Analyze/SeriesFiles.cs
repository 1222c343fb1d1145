using Imaging.Analysis;
using Imaging.Dicom.Dictionary;

namespace Imaging.Cli.Analyze;

/// <summary>The DICOM files under a path (a file, or a folder searched recursively) grouped by Series Instance UID; files
/// whose header cannot be read, or that name no series, are counted and left out.</summary>
internal sealed record SeriesFiles(string SeriesInstanceUid, IReadOnlyList<string> Paths)
{
    /// <summary>The series under <paramref name="path"/> in Series Instance UID order, and how many files were skipped.</summary>
    public static (IReadOnlyList<SeriesFiles> Series, int Skipped) Find(string path, CancellationToken cancellationToken)
    {
        IEnumerable<string> files = File.Exists(path)
            ? [path]
            // Reparse points skipped: a symbolic link back up the tree would otherwise make the walk endless.
            : Directory.EnumerateFiles(path, "*", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                IgnoreInaccessible = true,
                AttributesToSkip = FileAttributes.ReparsePoint,
            });
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var series = SeriesUidOf(file);
            if (series is null)
            {
                skipped++;
                continue;
            }
            if (!groups.TryGetValue(series, out var list)) groups[series] = list = [];
            list.Add(file);
        }
        return ([.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SeriesFiles(g.Key, g.Value))], skipped);
    }

    private static string? SeriesUidOf(string file)
    {
        try
        {
            var uid = InstanceFile.FromPath(file).ReadHeader().Dataset.GetString(DicomTags.SeriesInstanceUID)?.Trim();
            return string.IsNullOrEmpty(uid) ? null : uid;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a non-DICOM or damaged file makes the reader throw, it only means "not part of any series".
            return null;
        }
    }
}
