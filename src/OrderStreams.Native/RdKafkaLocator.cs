using System.Runtime.InteropServices;

namespace OrderStreams.Native;

/// <summary>
/// Chooses which of the librdkafka.redist package's builds to load. The package puts them in
/// <c>runtimes/&lt;rid&gt;/native/</c> beside the program (flat beside it after a RID-specific publish). The default
/// Linux build needs libsasl2.so.3, which Debian 12 lacks (it has .so.2); then the CentOS 8 build, which links
/// Cyrus SASL statically and has no GSSAPI, is the fallback, and the reason is kept so the start-up log can say it.
/// </summary>
internal static class RdKafkaLocator
{
    /// <summary>The builds to try in order, by variant and file name, for this operating system.</summary>
    public static IReadOnlyList<(string Variant, string FileName)> Builds { get; } =
        OperatingSystem.IsWindows() ? [("default", "librdkafka.dll")]
        : OperatingSystem.IsMacOS() ? [("default", "librdkafka.dylib")]
        : [("default", "librdkafka.so"), ("centos8", "centos8-librdkafka.so"), ("alpine", "alpine-librdkafka.so")];

    /// <summary>
    /// Loads librdkafka: the file <paramref name="overridePath"/> names when set, else the first build under
    /// <paramref name="baseDirectory"/> that <paramref name="load"/> (which throws on failure) accepts.
    /// </summary>
    /// <exception cref="MissingNativeLibraryException">No build is there or none loads.</exception>
    public static (nint Handle, string Path, string Variant, string Reason) Load(
        string? overridePath, string baseDirectory, Func<string, nint> load)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            var handle = TryLoad(overridePath, load, out var error);
            if (handle == 0) throw new MissingNativeLibraryException(NativeLibraries.RdKafka, [$"{overridePath} ({error})"]);
            return (handle, overridePath, "override", $"{NativeLibraries.RdKafka.OverrideVariable} names it");
        }

        var tried = new List<string>();
        string? defaultFailure = null;
        foreach (var (variant, path) in CandidatesIn(baseDirectory))
        {
            var handle = TryLoad(path, load, out var error);
            if (handle != 0)
            {
                var reason = defaultFailure is null
                    ? "the package's default build"
                    : $"fallback, the default build librdkafka.so cannot load here: {defaultFailure}";
                return (handle, path, variant, reason);
            }
            tried.Add($"{path} ({error})");
            if (variant == "default") defaultFailure ??= error;
        }
        if (tried.Count == 0) tried.Add($"{Path.Combine(baseDirectory, "runtimes", RuntimeIdentifier, "native")} (no librdkafka there)");
        throw new MissingNativeLibraryException(NativeLibraries.RdKafka, tried);
    }

    /// <summary>The portable runtime identifier the package's folders are named after (linux-x64, osx-arm64, ...).</summary>
    public static string RuntimeIdentifier
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        }
    }

    private static IEnumerable<(string Variant, string Path)> CandidatesIn(string baseDirectory)
    {
        string[] directories = [Path.Combine(baseDirectory, "runtimes", RuntimeIdentifier, "native"), baseDirectory];
        return Builds
            .Select(build => (build.Variant, Path: directories.Select(d => Path.Combine(d, build.FileName)).FirstOrDefault(File.Exists)))
            .Where(build => build.Path is not null)
            .Select(build => (build.Variant, build.Path!));
    }

    private static nint TryLoad(string path, Func<string, nint> load, out string error)
    {
        try
        {
            error = "";
            return load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            error = DlError(e.Message);
            return 0;
        }
    }

    // .NET wraps dlerror() in a paragraph naming every path it probed; the last "path: error" line is the dlerror.
    private static string DlError(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : message;
    }
}
