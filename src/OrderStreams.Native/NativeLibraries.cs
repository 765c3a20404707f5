using System.Reflection;
using System.Runtime.InteropServices;

namespace OrderStreams.Native;

/// <summary>
/// Finds librdkafka from the operating system by probing the sonames of the distributions we support, and routes
/// every <c>DllImport</c> of ours and of Confluent.Kafka to it. (RocksDB comes with the <c>RocksDB</c> package.)
/// </summary>
public static class NativeLibraries
{
    public static readonly NativeLibrarySpec RdKafka = new(
        "librdkafka",
        "ORDERSTREAMS_LIBRDKAFKA",
        ["librdkafka.so.1", "librdkafka.so", "librdkafka.1.dylib", "librdkafka.dylib"],
        "librdkafka.so.",
        "the librdkafka1 package (Debian/Ubuntu: apt-get install librdkafka1; macOS: brew install librdkafka)");

    // Confluent.Kafka 1.9.3 dlopen()s through "libdl", which glibc 2.34+ only ships as libdl.so.2.
    private static readonly NativeLibrarySpec Dl = new(
        "libdl", "ORDERSTREAMS_LIBDL", ["libdl.so.2", "libc.so.6", "libdl.so", "libSystem.dylib"], null, "the C library (libc6)");

    private static readonly string[] LibraryDirectories =
        ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib", "/opt/homebrew/lib"];

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (nint Handle, string Path)> Loaded = new();
    private static readonly HashSet<Assembly> Resolved = [];
    private static bool kafkaInitialised;

    /// <summary>Loads librdkafka and initialises Confluent.Kafka with it. Idempotent.</summary>
    /// <exception cref="MissingNativeLibraryException">librdkafka is not installed.</exception>
    public static void EnsureKafka()
    {
        lock (Gate)
        {
            if (kafkaInitialised) return;
            RegisterResolver(typeof(Confluent.Kafka.Library).Assembly);
            RegisterResolver(typeof(NativeLibraries).Assembly);
            Confluent.Kafka.Library.Load(PathOf(RdKafka));
            kafkaInitialised = true;
        }
    }

    /// <summary>Loads a library by its spec, trying the override, then each candidate, then a directory scan.</summary>
    public static nint Load(NativeLibrarySpec spec)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(spec.Name, out var loaded)) return loaded.Handle;
            var tried = new List<string>();
            foreach (var candidate in CandidatesOf(spec))
            {
                tried.Add(candidate);
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    Loaded[spec.Name] = (handle, candidate);
                    return handle;
                }
            }
            throw new MissingNativeLibraryException(spec, tried);
        }
    }

    private static string PathOf(NativeLibrarySpec spec)
    {
        Load(spec);
        return Loaded[spec.Name].Path;
    }

    private static IEnumerable<string> CandidatesOf(NativeLibrarySpec spec)
    {
        var overridden = Environment.GetEnvironmentVariable(spec.OverrideVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            yield return overridden;
            yield break;
        }
        foreach (var candidate in spec.Candidates) yield return candidate;
        if (spec.ScanPrefix is null) yield break;
        var scanned = LibraryDirectories
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, spec.ScanPrefix + "*"))
            .OrderDescending(StringComparer.Ordinal);
        foreach (var path in scanned) yield return path;
    }

    private static void RegisterResolver(Assembly assembly)
    {
        if (!Resolved.Add(assembly)) return;
        NativeLibrary.SetDllImportResolver(assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var spec = name switch
        {
            "librdkafka" or "rdkafka" => RdKafka,
            "libdl" => Dl,
            _ => null,
        };
        return spec is null ? 0 : Load(spec);
    }
}
