using System.Globalization;
using System.Reflection;

namespace Imaging.Storage.Migrations;

/// <summary>The SQL scripts embedded under <c>migrations/&lt;dialect&gt;/NNNN_name.sql</c>, in version order.</summary>
internal static class MigrationScripts
{
    public static IReadOnlyList<Migration> Load(string dialect)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"migrations/{dialect}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var name = resource[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"Migration script '{resource}' is not named NNNN_name.sql.");
            migrations.Add(new Migration(version, name[(separator + 1)..], Read(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // Versions are dense from 1: a gap or a duplicate is a packaging mistake that must not reach a database.
            if (migrations[i].Version != i + 1) throw new InvalidOperationException($"{dialect} migrations are not numbered 1..{migrations.Count} without gaps.");
        }
        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
