using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OrderStreams.Kafka.Topics;

/// <summary>
/// Every topic of the system, read from <c>deploy/topics.yaml</c>: the single source for the embedded broker,
/// <c>orderstreams topics apply</c> against Apache Kafka, and the co-partitioning checks.
/// </summary>
public sealed class TopicManifest
{
    /// <summary>Where the manifest lives relative to the repository root.</summary>
    public const string RelativePath = "deploy/topics.yaml";

    private TopicManifest(IReadOnlyList<TopicSpec> topics) => Topics = topics;

    public IReadOnlyList<TopicSpec> Topics { get; }

    public TopicSpec this[string name] =>
        Topics.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"Topic '{name}' is not in the manifest.");

    /// <summary>The topics that must share a partition count with <paramref name="name"/> (itself included).</summary>
    public IReadOnlyList<TopicSpec> CoPartitionedWith(string name)
    {
        var group = this[name].CoPartitionGroup;
        return group is null ? [this[name]] : Topics.Where(t => t.CoPartitionGroup == group).ToList();
    }

    public static TopicManifest Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    /// <summary>Finds <see cref="RelativePath"/> in <paramref name="start"/> or a parent folder (the repository root).</summary>
    public static string Locate(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"No {RelativePath} found above {start ?? AppContext.BaseDirectory}; pass the manifest path explicitly.");
    }

    public static TopicManifest Parse(TextReader yaml, string source = "manifest")
    {
        ManifestDocument document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<ManifestDocument?>(yaml) ?? new ManifestDocument();
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var defaults = document.Defaults;
        var topics = new List<TopicSpec>();
        foreach (var (entry, index) in document.Topics.Select((t, i) => (t, i)))
        {
            var where = $"{source}: topics[{index}]";
            if (string.IsNullOrWhiteSpace(entry.Name)) throw new InvalidDataException($"{where}: 'name' is required.");
            if (topics.Any(t => t.Name == entry.Name)) throw new InvalidDataException($"{where}: topic '{entry.Name}' is declared twice.");
            var partitions = entry.Partitions ?? defaults.Partitions;
            if (partitions < 1) throw new InvalidDataException($"{where} ({entry.Name}): partitions must be at least 1.");
            var cleanup = entry.CleanupPolicy ?? defaults.CleanupPolicy;
            if (cleanup is not ("delete" or "compact" or "compact,delete"))
                throw new InvalidDataException($"{where} ({entry.Name}): cleanupPolicy must be delete, compact or compact,delete, not '{cleanup}'.");
            if (!Enum.TryParse<TopicRole>(entry.Role ?? nameof(TopicRole.Derived), ignoreCase: true, out var role) || !Enum.IsDefined(role))
                throw new InvalidDataException($"{where} ({entry.Name}): role must be source, window or derived, not '{entry.Role}'.");
            var spec = new TopicSpec(
                entry.Name,
                partitions,
                entry.ReplicationFactor ?? defaults.ReplicationFactor,
                cleanup,
                ParseRetention(entry.Retention ?? defaults.Retention, where),
                entry.Key ?? "",
                entry.ValueSchema,
                entry.CoPartition,
                entry.Description ?? "",
                role);
            if (role == TopicRole.Source && !spec.KeepsHistory)
                throw new InvalidDataException(
                    $"{where} ({entry.Name}): a source topic keeps its history: "
                    + "retention forever, or cleanupPolicy compact where the latest value per key is the truth.");
            topics.Add(spec);
        }

        var manifest = new TopicManifest(topics);
        manifest.ValidateCoPartitioning(source);
        return manifest;
    }

    private void ValidateCoPartitioning(string source)
    {
        foreach (var group in Topics.Where(t => t.CoPartitionGroup is not null).GroupBy(t => t.CoPartitionGroup))
        {
            if (group.Select(t => t.Partitions).Distinct().Count() > 1)
                throw new InvalidDataException(
                    $"{source}: co-partition group '{group.Key}' mixes partition counts ({string.Join(", ", group.Select(t => $"{t.Name}={t.Partitions}"))}).");
        }
    }

    /// <summary>Parses <c>-1</c>/<c>forever</c>, a millisecond count, or a number with unit ms, s, m, h, d.</summary>
    internal static long ParseRetention(string text, string where)
    {
        text = text.Trim();
        if (text is "-1" or "forever") return -1;
        var unitStart = text.TakeWhile(char.IsDigit).Count();
        if (unitStart == 0 || !long.TryParse(text[..unitStart], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            throw new InvalidDataException($"{where}: retention '{text}' is not a duration like 7d, 12h or 600000.");
        var multiplier = text[unitStart..] switch
        {
            "" or "ms" => 1L,
            "s" => 1_000L,
            "m" => 60_000L,
            "h" => 3_600_000L,
            "d" => 86_400_000L,
            var unit => throw new InvalidDataException($"{where}: retention unit '{unit}' is not one of ms, s, m, h, d."),
        };
        return checked(amount * multiplier);
    }

    private sealed class ManifestDocument
    {
        public DefaultsDocument Defaults { get; set; } = new();

        public List<TopicDocument> Topics { get; set; } = [];
    }

    private sealed class DefaultsDocument
    {
        public int Partitions { get; set; } = 12;

        public short ReplicationFactor { get; set; } = 3;

        public string CleanupPolicy { get; set; } = "delete";

        public string Retention { get; set; } = "7d";
    }

    private sealed class TopicDocument
    {
        public string Name { get; set; } = "";

        public int? Partitions { get; set; }

        public short? ReplicationFactor { get; set; }

        public string? CleanupPolicy { get; set; }

        public string? Retention { get; set; }

        public string? Key { get; set; }

        public string? ValueSchema { get; set; }

        public string? CoPartition { get; set; }

        public string? Description { get; set; }

        public string? Role { get; set; }
    }
}
