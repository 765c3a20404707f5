namespace OrderStreams.Native;

/// <summary>The librdkafka this process runs on, as <see cref="NativeLibraries.EnsureKafka"/> loaded it.</summary>
/// <param name="Version">librdkafka's own version string (Confluent.Kafka's <c>Library.VersionString</c>).</param>
/// <param name="Path">The file loaded.</param>
/// <param name="Variant">Which build of the librdkafka.redist package it is: <c>default</c>, <c>centos8</c>, <c>alpine</c>, or <c>override</c>.</param>
/// <param name="Reason">Why this file: the default loaded, or why the default could not and the fallback was taken.</param>
/// <param name="Features">librdkafka's <c>builtin.features</c> (compression codecs, ssl, sasl mechanisms).</param>
public sealed record LoadedRdKafka(string Version, string Path, string Variant, string Reason, string Features)
{
    /// <summary>One line for a start-up log or the version command.</summary>
    public override string ToString() => $"librdkafka {Version} from {Path} ({Variant} build: {Reason})";
}
