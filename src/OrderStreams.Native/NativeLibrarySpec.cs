namespace OrderStreams.Native;

/// <summary>Where to look for one native library and what to tell the user when it is not there.</summary>
/// <param name="Name">The name our and Confluent.Kafka's <c>DllImport</c>s use.</param>
/// <param name="OverrideVariable">Environment variable that, when set, names the exact file to load.</param>
/// <param name="Candidates">File names to try in order (sonames of the distributions we support).</param>
/// <param name="ScanPrefix">When no candidate loads, library directories are scanned for files starting with this.</param>
/// <param name="InstallHint">What to install, shown when nothing loads.</param>
public sealed record NativeLibrarySpec(
    string Name,
    string OverrideVariable,
    IReadOnlyList<string> Candidates,
    string? ScanPrefix,
    string InstallHint);
