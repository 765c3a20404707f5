namespace OrderStreams.Deploy.Tests.Support;

/// <summary>Sample names seen in Prometheus text expositions, with the label names each was seen with.</summary>
internal sealed class MetricsExposition
{
    private readonly Dictionary<string, HashSet<string>> labels = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => labels.Keys;

    public IReadOnlySet<string> LabelsOf(string name) => labels.TryGetValue(name, out var set) ? set : new HashSet<string>();

    public bool Has(string name) => labels.ContainsKey(name);

    /// <summary>Adds one scrape: every sample line's name and label names.</summary>
    public void Add(string exposition)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{');
            var space = line.IndexOf(' ');
            var name = brace >= 0 && brace < space ? line[..brace] : line[..space];
            if (!labels.TryGetValue(name, out var set)) labels[name] = set = new HashSet<string>(StringComparer.Ordinal);
            if (brace >= 0 && brace < space)
            {
                foreach (var pair in line[(brace + 1)..line.LastIndexOf('}')].Split("\","))
                    set.Add(pair[..pair.IndexOf('=')].Trim(','));
            }
        }
    }
}
