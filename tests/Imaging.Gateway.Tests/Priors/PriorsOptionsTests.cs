using Imaging.Gateway.Priors;
using Microsoft.Extensions.Configuration;

namespace Imaging.Gateway.Tests.Priors;

public sealed class PriorsOptionsTests
{
    [Fact]
    public void A_source_bound_from_configuration_gets_the_default_modalities_and_look_back()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Priors:Enabled"] = "true",
            ["Priors:Sources:0:Name"] = "pacs",
            ["Priors:Sources:0:AeTitle"] = "PACS",
            ["Priors:Sources:0:Host"] = "pacs.example",
            ["Priors:Sources:0:Port"] = "104",
        });

        Assert.Empty(options.Validate());
        var source = Assert.Single(options.Sources);
        Assert.Equal(["NM", "CT", "MR"], source.EffectiveModalities);
        Assert.Equal(1825, source.LookBackDays);
    }

    [Fact]
    public void Configured_modalities_replace_the_defaults_instead_of_adding_to_them()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Priors:Sources:0:Name"] = "pacs", ["Priors:Sources:0:AeTitle"] = "PACS", ["Priors:Sources:0:Host"] = "h",
            ["Priors:Sources:0:Modalities:0"] = "NM",
        });

        Assert.Equal(["NM"], options.Sources[0].EffectiveModalities);
    }

    [Fact]
    public void Every_problem_of_unusable_options_is_reported()
    {
        var options = new PriorsOptions
        {
            Enabled = true,
            MaximumAttempts = 0,
            Sources =
            [
                new PriorSourceOptions { Name = "a", AeTitle = "THIS AE TITLE IS TOO LONG", Host = "", Port = 0, LookBackDays = 0, Modalities = ["nm"] },
                new PriorSourceOptions { Name = "A", AeTitle = "PACS", Host = "h", Timeout = TimeSpan.Zero },
            ],
        };

        var problems = string.Join("\n", options.Validate());

        foreach (var expected in new[] { "MaximumAttempts", "Sources:0:AeTitle", "Sources:0:Host", "Sources:0:Port", "Sources:0:LookBackDays",
            "Sources:0:Modalities", "Sources:1:Name", "Sources:1:Timeout" })
            Assert.Contains(expected, problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_without_a_source_is_refused()
    {
        Assert.Contains(new PriorsOptions { Enabled = true }.Validate(), p => p.Contains("Sources", StringComparison.Ordinal));
    }

    private static PriorsOptions Bind(Dictionary<string, string?> values)
    {
        var options = new PriorsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(PriorsOptions.SectionName).Bind(options);
        return options;
    }
}
