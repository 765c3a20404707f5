using System.Text.RegularExpressions;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>
/// <c>.dockerignore</c> as the builder applies it: patterns in order, the last one that matches a path or one of its
/// parent folders decides, <c>!</c> re-includes, <c>*</c> stays within a path segment and <c>**</c> spans segments.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> rules;

    private DockerIgnore(List<(Regex, bool)> rules) => this.rules = rules;

    public static DockerIgnore Load(string path) => new(File.ReadAllLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true))
        .ToList());

    /// <summary>Whether <paramref name="path"/> (relative to the context, with '/') is sent to the builder.</summary>
    public bool Includes(string path)
    {
        var included = true;
        var candidates = Parents(path.Trim('/')).ToList();
        foreach (var (pattern, exclude) in rules)
        {
            if (candidates.Any(c => pattern.IsMatch(c))) included = !exclude;
        }
        return included;
    }

    private static IEnumerable<string> Parents(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++) yield return string.Join('/', parts[..i]);
    }

    private static Regex ToRegex(string pattern)
    {
        var cleaned = pattern.Trim('/');
        var regex = Regex.Escape(cleaned).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + regex + "$", RegexOptions.CultureInvariant);
    }
}
