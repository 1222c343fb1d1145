using Imaging.Analysis.Metadata;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests.Support;

/// <summary>Shorthands for extracting metadata from corpus files and temporary files.</summary>
public static class Extract
{
    public static SeriesMetadata Corpus(params string[] corpusFiles) =>
        Files(corpusFiles.Select(TestPaths.Corpus).ToArray());

    public static SeriesMetadata Files(params string[] paths) =>
        SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None).Metadata;
}
