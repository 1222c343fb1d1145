using System.Text.Json;
using System.Text.Json.Serialization;
using Imaging.Analysis.BoneScan;

namespace Imaging.Analysis.Tests.BoneScan;

public sealed class SkeletalRegionKeysTests
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Every_region_key_is_the_name_the_findings_json_writes()
    {
        foreach (var region in Enum.GetValues<SkeletalRegion>())
            Assert.Equal(JsonSerializer.Serialize(region, Json), $"\"{region.Key()}\"");
    }
}
