namespace OrderStreams.Native;

/// <summary>A native library the process needs is not installed; <see cref="Exception.Message"/> is one line naming the package.</summary>
public sealed class MissingNativeLibraryException(NativeLibrarySpec library, IReadOnlyList<string> tried)
    : Exception($"{library.Name} was not found (tried {string.Join(", ", tried)}). Install {library.InstallHint}, or set {library.OverrideVariable} to its path.")
{
    public NativeLibrarySpec Library { get; } = library;

    public IReadOnlyList<string> Tried { get; } = tried;
}
