namespace OrderStreams.Testing;

/// <summary>Paths inside the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run in (Release or Debug), which the programs they start are built in too.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built assembly of another project in the same configuration, e.g. <c>("src/OrderStreams.Cli", "orderstreams")</c>.</summary>
    public static string AssemblyOf(string projectDirectory, string assemblyName)
    {
        var path = Of(projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectDirectory} first: {path} is missing.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrderStreams.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Tests must run inside the OrderStreams checkout.");
    }
}
