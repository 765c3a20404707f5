namespace OrderStreams.Bench.Streamiz;

/// <summary>
/// What the CLI asks the peer to run: <c>--name value</c> pairs; <c>--producer</c> and <c>--consumer</c> take
/// <c>key=value</c> librdkafka settings and may repeat.
/// </summary>
internal sealed record PeerArguments(
    string Mode,
    string BootstrapServers,
    string ApplicationId,
    string Input,
    string Output,
    string StateDirectory,
    int CommitIntervalMs,
    int SchemaId,
    long CacheMaxBytes,
    int Instance,
    long ExpectedRecords,
    IReadOnlyDictionary<string, string> Producer,
    IReadOnlyDictionary<string, string> Consumer)
{
    public static PeerArguments Parse(IReadOnlyList<string> args)
    {
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var producer = new Dictionary<string, string>(StringComparer.Ordinal);
        var consumer = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"Expected --name value pairs, got '{string.Join(' ', args.Skip(i))}'.");
            var (name, value) = (args[i][2..], args[i + 1]);
            switch (name)
            {
                case "producer": AddSetting(producer, value); break;
                case "consumer": AddSetting(consumer, value); break;
                default: single[name] = value; break;
            }
        }
        string Required(string name) =>
            single.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        string Optional(string name, string fallback) => single.GetValueOrDefault(name, fallback);
        return new PeerArguments(
            Required("mode"), Required("bootstrap-servers"), Required("application-id"), Required("input"),
            Optional("output", ""), Required("state-dir"), int.Parse(Optional("commit-interval-ms", "1000")),
            int.Parse(Optional("schema-id", "0")), long.Parse(Optional("cache-max-bytes", "10485760")),
            int.Parse(Optional("instance", "1")), long.Parse(Optional("expected-records", "0")), producer, consumer);
    }

    private static void AddSetting(Dictionary<string, string> settings, string pair)
    {
        var at = pair.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0) throw new ArgumentException($"Expected key=value, got '{pair}'.");
        settings[pair[..at]] = pair[(at + 1)..];
    }
}
