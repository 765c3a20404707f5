using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>A Dockerfile read into its stages and instructions (continuations joined, comments dropped).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage this[string stage] => Stages.SingleOrDefault(s => s.Name == stage) ?? throw new KeyNotFoundException($"No stage '{stage}'.");

    public static Dockerfile Load(string path)
    {
        var stages = new List<DockerStage>();
        var logical = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#') || (pending.Length == 0 && line.Length == 0)) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            logical.Add((pending + line).Trim());
            pending = "";
        }

        DockerStage? current = null;
        foreach (var line in logical)
        {
            var space = line.IndexOf(' ');
            var keyword = line[..space].ToUpperInvariant();
            var arguments = line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = new DockerStage(parts.Length == 3 ? parts[2] : $"stage-{stages.Count}", parts[0]);
                stages.Add(current);
            }
            else if (current is not null)
            {
                current.Instructions.Add(new DockerInstruction(keyword, arguments));
            }
        }
        return new Dockerfile(stages);
    }

    /// <summary>The stages <paramref name="stage"/> is made of: itself and the stages it is built <c>FROM</c>, nearest first.</summary>
    public IReadOnlyList<DockerStage> Lineage(string stage)
    {
        var lineage = new List<DockerStage>();
        for (var current = this[stage]; ; current = this[current.BaseImage])
        {
            lineage.Add(current);
            if (Stages.All(s => s.Name != current.BaseImage)) return lineage;
        }
    }

    /// <summary>The sources of a <c>COPY</c> from the build context (not <c>--from</c> another stage), relative to it.</summary>
    public static IReadOnlyList<string> CopySources(DockerInstruction copy)
    {
        var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal))) return [];
        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return paths[..^1];
    }

    /// <summary>The pairs of an <c>ENV key=value …</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvPairs(DockerInstruction env) =>
        EnvPair().Matches(env.Arguments).Select(m => new KeyValuePair<string, string>(m.Groups["key"].Value, m.Groups["value"].Value));

    /// <summary>The words of an exec-form (JSON array) instruction such as <c>ENTRYPOINT ["x"]</c> or <c>HEALTHCHECK … CMD ["x"]</c>.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments)
    {
        var json = arguments[arguments.IndexOf('[')..];
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_.]*)=(?<value>\S+)")]
    private static partial Regex EnvPair();
}
