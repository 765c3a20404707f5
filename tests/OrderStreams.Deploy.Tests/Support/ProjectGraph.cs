using System.Xml.Linq;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>The project files a build reads: a project and, transitively, every project it references.</summary>
internal static class ProjectGraph
{
    /// <summary>Repository-relative paths (with '/') of <paramref name="project"/> and everything it references.</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Normalise(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            var file = RepositoryPaths.Of(current);
            if (!File.Exists(file)) throw new FileNotFoundException($"{current} is referenced but does not exist.", file);
            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(file).Descendants("ProjectReference"))
                pending.Push(Normalise(Path.Combine(directory, reference.Attribute("Include")!.Value)));
        }
        return seen;
    }

    /// <summary>The <c>AssemblyName</c> of a project: its own property, else the file name.</summary>
    public static string AssemblyName(string project) =>
        XDocument.Load(RepositoryPaths.Of(project)).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);

    private static string Normalise(string path) =>
        Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(RepositoryPaths.Root, path.Replace('\\', '/')))).Replace('\\', '/');
}
