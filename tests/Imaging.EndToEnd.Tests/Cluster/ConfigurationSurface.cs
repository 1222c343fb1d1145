using System.Collections;
using System.Reflection;
using System.Runtime.Loader;

namespace Imaging.EndToEnd.Tests.Cluster;

/// <summary>The configuration keys the built imaging program really binds, read by reflection from its assemblies (loaded
/// into a context of their own): the root <c>ServeOptions</c> and every options class with a <c>SectionName</c>.</summary>
public sealed class ConfigurationSurface
{
    /// <summary>Sections the program hands to the framework rather than to an options class of its own.</summary>
    private static readonly string[] FrameworkSections = ["Logging"];

    private readonly Type _root;
    private readonly IReadOnlyList<(string[] Path, Type Type)> _sections;

    private ConfigurationSurface(Type root, IReadOnlyList<(string[] Path, Type Type)> sections)
    {
        _root = root;
        _sections = sections;
    }

    /// <summary>The section paths found (e.g. <c>Messaging</c>, <c>Worker:Results</c>), for failure messages.</summary>
    public IEnumerable<string> Sections => _sections.Select(s => string.Join(':', s.Path));

    /// <summary>Loads every Imaging.*.dll beside <paramref name="programPath"/>.</summary>
    public static ConfigurationSurface Load(string programPath)
    {
        var folder = Path.GetDirectoryName(programPath)!;
        var context = new ProgramLoadContext(programPath);
        var types = new List<Type>();
        foreach (var file in Directory.EnumerateFiles(folder, "Imaging.*.dll").Append(programPath))
        {
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(file);
            }
            catch (BadImageFormatException)
            {
                continue;
            }
            try
            {
                types.AddRange(assembly.GetTypes());
            }
            catch (ReflectionTypeLoadException ex)
            {
                types.AddRange(ex.Types.OfType<Type>());
            }
        }
        var root = types.SingleOrDefault(t => t.FullName == "Imaging.Cli.Serve.ServeOptions")
            ?? throw new InvalidOperationException($"Imaging.Cli.Serve.ServeOptions is not in {programPath}");
        var sections = types
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (((string)x.Field!.GetRawConstantValue()!).Split(':'), x.Type))
            .ToList();
        return new ConfigurationSurface(root, sections);
    }

    /// <summary>Whether <paramref name="key"/> (<c>Section:Key:Sub</c>, case-insensitive as the binder is) names a bindable
    /// property: of the root options, or of the options class of the longest matching section.</summary>
    public bool Binds(string key)
    {
        var segments = key.Split(':');
        if (FrameworkSections.Any(f => string.Equals(segments[0], f, StringComparison.OrdinalIgnoreCase))) return true;
        if (Resolves(_root, segments)) return true;
        foreach (var (path, type) in _sections.OrderByDescending(s => s.Path.Length))
            if (segments.Length > path.Length && path.Select((p, i) => string.Equals(p, segments[i], StringComparison.OrdinalIgnoreCase)).All(b => b)
                && Resolves(type, segments[path.Length..]))
                return true;
        return false;
    }

    private static bool Resolves(Type type, ReadOnlySpan<string> segments)
    {
        if (segments.IsEmpty) return true;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type != typeof(string) && ElementType(type) is { } element)
        {
            // A list element by index (Section__List__0__Key); a dictionary value by any key.
            if (!IsDictionary(type) && !int.TryParse(segments[0], out _)) return false;
            return Resolves(element, segments[1..]);
        }
        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.GetIndexParameters().Length > 0) return false;
        // The binder sets a property, or fills a collection it can read.
        if (property.SetMethod is not { IsPublic: true } && ElementType(property.PropertyType) is null) return false;
        return Resolves(property.PropertyType, segments[1..]);
    }

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "System.Collections.Generic.IDictionary`2");

    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!typeof(IEnumerable).IsAssignableFrom(type) || type == typeof(string)) return null;
        var generic = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName is "System.Collections.Generic.IDictionary`2");
        if (generic is not null) return generic.GetGenericArguments()[1];
        generic = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName is "System.Collections.Generic.IEnumerable`1");
        return generic?.GetGenericArguments()[0];
    }

    /// <summary>Resolves the program's dependencies from its own folder (deps.json), and ASP.NET Core's from the shared
    /// framework beside the runtime the tests run on.</summary>
    private sealed class ProgramLoadContext(string programPath) : AssemblyLoadContext("imaging-configuration-surface", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(programPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (_resolver.ResolveAssemblyToPath(assemblyName) is { } path) return LoadFromAssemblyPath(path);
            // Already in the test process (System.*, Microsoft.Extensions.*): share it.
            if (Default.Assemblies.FirstOrDefault(a => a.GetName().Name == assemblyName.Name) is not null) return null;
            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var aspNet = Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App");
            if (Directory.Exists(aspNet))
            {
                var version = Path.GetFileName(runtime);
                var folder = Directory.Exists(Path.Combine(aspNet, version))
                    ? Path.Combine(aspNet, version)
                    : Directory.EnumerateDirectories(aspNet).Order(StringComparer.Ordinal).LastOrDefault();
                var candidate = folder is null ? null : Path.Combine(folder, assemblyName.Name + ".dll");
                if (candidate is not null && File.Exists(candidate)) return LoadFromAssemblyPath(candidate);
            }
            return null;
        }
    }
}
