using System.Text.RegularExpressions;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;

namespace Imaging.EndToEnd.Tests.Cluster;

/// <summary>deploy/ (compose, Kubernetes, systemd, the local scripts) configures the program only through keys it reads:
/// a misspelt IMAGING_* variable would otherwise be ignored in silence and the service run with a default.</summary>
public sealed partial class DeployConfigurationTests
{
    /// <summary>Variables of the deploy/local scripts themselves (and the tests' corpus), not configuration of the program.</summary>
    private static readonly string[] ScriptVariables = ["IMAGING_CLUSTER", "IMAGING_DLL", "IMAGING_TESTDATA"];

    [Fact]
    public void Every_IMAGING_variable_in_deploy_names_an_options_property_the_program_binds()
    {
        var surface = ConfigurationSurface.Load(ImagingProgram.AssemblyPath);
        var deploy = Path.Combine(TestPaths.RepositoryRoot, "deploy");
        var uses = Directory.EnumerateFiles(deploy, "*", SearchOption.AllDirectories)
            .SelectMany(file => EnvironmentVariable().Matches(File.ReadAllText(file))
                .Select(m => (File: Path.GetRelativePath(TestPaths.RepositoryRoot, file), Variable: m.Value)))
            .Where(u => !ScriptVariables.Any(s => u.Variable.StartsWith(s, StringComparison.Ordinal)))
            .Distinct()
            .ToList();

        Assert.True(uses.Count > 20, $"Expected the deploy files to configure the program through IMAGING_* variables; found {uses.Count}.");
        // Each kind of deployment sets the distributed essentials.
        foreach (var required in new[] { "IMAGING_ROLE", "IMAGING_RABBITMQ", "IMAGING_POSTGRES", "IMAGING_MESSAGING__CLUSTERNODES" })
            foreach (var folder in new[] { "compose", "k8s", "systemd", "local" })
                Assert.Contains(uses, u => u.Variable == required && u.File.StartsWith(Path.Combine("deploy", folder), StringComparison.Ordinal));

        var unknown = uses
            .Where(u => !surface.Binds(u.Variable["IMAGING_".Length..].Replace("__", ":", StringComparison.Ordinal)))
            .Select(u => $"{u.File}: {u.Variable}")
            .ToList();
        Assert.True(unknown.Count == 0,
            $"No options property binds these (sections known: {string.Join(", ", surface.Sections.Order(StringComparer.Ordinal))}):\n{string.Join('\n', unknown)}");
    }

    [Fact]
    public void The_configuration_surface_rejects_a_misspelt_key()
    {
        var surface = ConfigurationSurface.Load(ImagingProgram.AssemblyPath);
        Assert.True(surface.Binds("Messaging:ClusterNodes"));
        Assert.True(surface.Binds("Gateway:DiskWatermark:MinimumFreeBytes"));
        Assert.True(surface.Binds("Auth:ApiKeys:0:Sha256"));
        Assert.True(surface.Binds("HttpPort"));
        Assert.False(surface.Binds("Messaging:ClusterNode"));
        Assert.False(surface.Binds("Gateway:DiskWatermark:MinimumFree"));
        Assert.False(surface.Binds("Auth:ApiKeys:first:Sha256"));
        Assert.False(surface.Binds("HttpPorts"));
    }

    [GeneratedRegex(@"\bIMAGING_[A-Z0-9_]*[A-Z0-9]")]
    private static partial Regex EnvironmentVariable();
}
