using System.CommandLine;
using Confluent.Kafka;
using OrderStreams.Platform;
using OrderStreams.Platform.Control;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// What the <c>app</c> commands act on: a Kafka cluster and, when there is one, the dev platform that runs the
/// services (found from <c>--platform-url</c> or the running <c>orderstreams dev</c> of this checkout).
/// </summary>
internal sealed class AppTarget : IDisposable
{
    private AppTarget(PlatformClient? platform, PlatformInfo? info, Dictionary<string, string> kafkaSettings)
    {
        Platform = platform;
        Info = info;
        KafkaSettings = kafkaSettings;
    }

    public PlatformClient? Platform { get; }

    public PlatformInfo? Info { get; }

    public Dictionary<string, string> KafkaSettings { get; }

    /// <summary>The platform's client; fails with a message for commands that need one.</summary>
    public PlatformClient RequirePlatform(string why) =>
        Platform ?? throw new PlatformException($"{why} needs the dev platform (./orderstreams.sh dev, or --platform-url); on Kubernetes see docs/operations.md.");

    /// <summary>The platform's instance <paramref name="applicationId"/>, if it has one.</summary>
    public InstanceInfo? Instance(string applicationId) => Info?.Instances.FirstOrDefault(i => i.ApplicationId == applicationId);

    /// <summary>
    /// The application id a command means for <paramref name="spec"/>: the one given, else the platform instance
    /// answering its queries or its only instance, else the service's name.
    /// </summary>
    public string ApplicationIdOf(ServiceSpec spec, string? given)
    {
        if (!string.IsNullOrEmpty(given)) return given;
        var instances = Info?.Instances.Where(i => i.Service == spec.Name).ToList() ?? [];
        if (instances.FirstOrDefault(i => i.Serving) is { } serving) return serving.ApplicationId;
        if (instances.Count > 1)
            throw new PlatformException($"{spec.Name} runs as {string.Join(", ", instances.Select(i => i.ApplicationId))}; choose one with --application-id.");
        return instances.SingleOrDefault()?.ApplicationId ?? spec.Name;
    }

    /// <exception cref="InvalidDataException"><c>--platform-url</c> is not an absolute http URL.</exception>
    public static async Task<AppTarget> ResolveAsync(ParseResult parse, KafkaConnectionOptions connection, Option<string?> platformUrl, CancellationToken cancellation)
    {
        Uri? given = null;
        if (parse.GetValue(platformUrl) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out given) || given.Scheme is not ("http" or "https")))
            throw new InvalidDataException($"--platform-url '{text}' is not an http URL such as the dashboard.url line of orderstreams dev.");
        var platform = PlatformClient.Find(given);
        PlatformInfo? info = null;
        if (platform is not null)
        {
            try
            {
                info = await platform.InfoAsync(cancellation);
            }
            catch (PlatformException) when (given is null)
            {
                // A connection file left by a platform that died: act on the cluster alone.
                platform.Dispose();
                platform = null;
            }
        }
        return new AppTarget(platform, info, connection.KafkaSettings(parse, info?.BootstrapServers));
    }

    /// <summary>Runs a command's action; what the platform or the cluster refuses ends it with their message, not a stack trace.</summary>
    public static async Task<int> GuardedAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is PlatformException or KafkaException)
        {
            await Console.Error.WriteLineAsync($"orderstreams: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    public static Option<string?> PlatformUrlOption() =>
        new("--platform-url") { Description = "The dev platform's dashboard URL (default: the running orderstreams dev of this checkout)." };

    public void Dispose() => Platform?.Dispose();
}
