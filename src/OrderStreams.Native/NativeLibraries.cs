using System.Reflection;
using System.Runtime.InteropServices;

namespace OrderStreams.Native;

/// <summary>
/// Loads librdkafka from the librdkafka.redist package (see <see cref="RdKafkaLocator"/>) and librocksdb from the
/// operating system by probing the sonames of the distributions we support, and routes every <c>DllImport</c> of
/// ours and of Confluent.Kafka to them, so our own bindings call the very library Confluent.Kafka runs on.
/// </summary>
public static class NativeLibraries
{
    public static readonly NativeLibrarySpec RdKafka = new(
        "librdkafka",
        "ORDERSTREAMS_LIBRDKAFKA",
        RdKafkaLocator.Builds.Select(build => build.FileName).ToArray(),
        null,
        "the librdkafka.redist NuGet package (a dotnet build or publish puts its runtimes/ folder beside the program)");

    public static readonly NativeLibrarySpec RocksDb = new(
        "librocksdb",
        "ORDERSTREAMS_LIBROCKSDB",
        ["librocksdb.so", "librocksdb.so.7.8", "librocksdb.so.8", "librocksdb.so.9", "librocksdb.so.10", "librocksdb.dylib"],
        "librocksdb.so.",
        "RocksDB (Debian bookworm: apt-get install librocksdb7.8; newer Debian/Ubuntu: the librocksdbX.Y package; macOS: brew install rocksdb)");

    // Confluent.Kafka dlopen()s through "libdl", which glibc 2.34+ only ships as libdl.so.2.
    private static readonly NativeLibrarySpec Dl = new(
        "libdl", "ORDERSTREAMS_LIBDL", ["libdl.so.2", "libc.so.6", "libdl.so", "libSystem.dylib"], null, "the C library (libc6)");

    private static readonly string[] LibraryDirectories =
        ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib", "/opt/homebrew/lib"];

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (nint Handle, string Path)> Loaded = new();
    private static readonly HashSet<Assembly> Resolved = [];
    private static LoadedRdKafka? kafka;

    /// <summary>Loads librdkafka, initialises Confluent.Kafka with it and says which file it is and why. Idempotent.</summary>
    /// <exception cref="MissingNativeLibraryException">No build of librdkafka is beside the program or none loads.</exception>
    public static LoadedRdKafka EnsureKafka()
    {
        lock (Gate)
        {
            if (kafka is not null) return kafka;
            var (handle, path, variant, reason) = RdKafkaLocator.Load(
                Environment.GetEnvironmentVariable(RdKafka.OverrideVariable), AppContext.BaseDirectory, NativeLibrary.Load);
            Loaded[RdKafka.Name] = (handle, path);
            RegisterResolver(typeof(Confluent.Kafka.Library).Assembly);
            RegisterResolver(typeof(NativeLibraries).Assembly);
            Confluent.Kafka.Library.Load(path);
            kafka = new LoadedRdKafka(Confluent.Kafka.Library.VersionString, path, variant, reason, BuiltinFeatures());
            return kafka;
        }
    }

    /// <summary>Loads librocksdb. Idempotent.</summary>
    /// <exception cref="MissingNativeLibraryException">RocksDB is not installed.</exception>
    public static void EnsureRocksDb()
    {
        lock (Gate)
        {
            RegisterResolver(typeof(NativeLibraries).Assembly);
            Load(RocksDb);
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

    private static string BuiltinFeatures()
    {
        var conf = RdKafkaNative.ConfNew();
        try
        {
            var value = new byte[512];
            var size = (nuint)value.Length;
            return RdKafkaNative.ConfGet(conf, "builtin.features", value, ref size) == RdKafkaNative.ConfigOk
                ? RdKafkaNative.ErrorText(value)
                : "unknown";
        }
        finally
        {
            RdKafkaNative.ConfDestroy(conf);
        }
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
        if (name is "librdkafka" or "rdkafka") return Loaded.TryGetValue(RdKafka.Name, out var rdkafka) ? rdkafka.Handle : 0;
        var spec = name switch
        {
            "librocksdb" or "rocksdb" => RocksDb,
            "libdl" => Dl,
            _ => null,
        };
        return spec is null ? 0 : Load(spec);
    }
}
