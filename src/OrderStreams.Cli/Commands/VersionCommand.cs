using System.CommandLine;
using System.Reflection;
using OrderStreams.Native;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams version</c>: this build, the Kafka client and the native librdkafka it loaded, and why that file.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the OrderStreams, Confluent.Kafka and librdkafka versions, and which librdkafka file is loaded and why.");
        command.SetAction(_ =>
        {
            foreach (var line in Lines(NativeLibraries.EnsureKafka())) Console.WriteLine(line);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The report, one <c>name: value</c> per line.</summary>
    internal static IEnumerable<string> Lines(LoadedRdKafka librdkafka)
    {
        yield return $"orderstreams: {InformationalVersion(typeof(VersionCommand).Assembly)}";
        yield return $"confluent.kafka: {InformationalVersion(typeof(Confluent.Kafka.Library).Assembly)}";
        yield return $"librdkafka: {librdkafka.Version}";
        yield return $"librdkafka.file: {librdkafka.Path}";
        yield return $"librdkafka.build: {librdkafka.Variant} ({librdkafka.Reason})";
        yield return $"librdkafka.features: {librdkafka.Features}";
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
