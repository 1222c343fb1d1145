using System.Text.Json;
using Imaging.Analysis.Metadata;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests;

/// <summary>The metadata analyzer's findings: the metadata itself as a JSON document.</summary>
public sealed class MetadataAnalyzerTests
{
    [Fact]
    public async Task Metadata_findings_are_camel_case_json_with_the_route_and_without_absent_values()
    {
        var input = SeriesMetadataExtractor.Extract([InstanceFile.FromPath(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"))], CancellationToken.None);
        var analyzer = new MetadataAnalyzer();

        var findings = await analyzer.AnalyzeAsync(input, CancellationToken.None);

        using var json = JsonDocument.Parse(findings.PayloadJson);
        var root = json.RootElement;
        Assert.Equal("NM", root.GetProperty("modality").GetString());
        Assert.Equal("1997-08-06", root.GetProperty("seriesDate").GetString());
        Assert.Equal(3596452, root.GetProperty("nuclearMedicine").GetProperty("countsAccumulated").GetInt64());
        Assert.Equal("nm-whole-body-bone-scan", root.GetProperty("content").GetProperty("kind").GetString());
        Assert.Equal(1, root.GetProperty("instances").GetArrayLength());
        Assert.Equal(0, root.GetProperty("problems").GetArrayLength());
        Assert.False(root.TryGetProperty("seriesDescription", out _));
        Assert.False(root.TryGetProperty("crossSectional", out _));
    }

    [Fact]
    public void Metadata_analyzer_accepts_every_series()
    {
        var analyzer = new MetadataAnalyzer();
        var empty = SeriesMetadataExtractor.Extract([], CancellationToken.None).Metadata;

        Assert.Equal(("metadata", "1"), (analyzer.Name, analyzer.Version));
        Assert.True(analyzer.Accepts(empty));
    }

    [Fact]
    public void Findings_from_text_must_be_one_json_document()
    {
        Assert.Equal("{\"a\":1}", AnalyzerFindings.FromJson("{\"a\":1}").PayloadJson);
        Assert.ThrowsAny<JsonException>(() => AnalyzerFindings.FromJson("{\"a\":"));
    }
}
