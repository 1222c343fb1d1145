using Imaging.Api.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Api.Tests.Security;

/// <summary>Runs <see cref="ImagingSecurityExtensions.AddImagingSecurity"/> alone, for the checks it makes at start.</summary>
public static class SecurityBuilder
{
    public static IServiceCollection Add(IDictionary<string, string?> settings, bool loopbackOnly) =>
        new ServiceCollection().AddImagingSecurity(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), loopbackOnly);
}
