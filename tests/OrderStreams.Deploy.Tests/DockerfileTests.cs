using OrderStreams.Deploy.Tests.Support;
using OrderStreams.Native;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

public sealed class DockerfileTests
{
    private static readonly Dockerfile Dockerfile = DeployFiles.Dockerfile;

    [Fact]
    public void CopySources_ExistAndAreInTheBuildContext()
    {
        var sources = Dockerfile.Stages.SelectMany(s => s.Where("COPY")).SelectMany(Dockerfile.CopySources).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            var path = RepositoryPaths.Of(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file or folder.");
            Assert.True(DeployFiles.DockerIgnore.Includes(source), $"COPY {source}: .dockerignore leaves it out of the build context.");
        });
        Assert.False(DeployFiles.DockerIgnore.Includes("src/OrderStreams.Streams/bin/Release/net10.0/OrderStreams.Streams.dll"), "Local build output is sent to the builder.");
    }

    [Fact]
    public void RestoreLayer_HoldsEveryProjectFileOfEveryImage_BeforeAnySource()
    {
        var build = Dockerfile["build"].Instructions;
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copied = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(Dockerfile.CopySources).ToHashSet(StringComparer.Ordinal);
        var projects = ComposeFile.Services.Values.Select(ComposeFile.BuildArgs).Where(a => a.ContainsKey("PROJECT")).Select(a => a["PROJECT"]).Distinct().ToList();

        Assert.True(restore > 0, "The build stage has no dotnet restore.");
        Assert.Equal(5, projects.Count);
        foreach (var project in projects)
            Assert.All(ProjectGraph.Closure(project), file => Assert.True(copied.Contains(file), $"{project} needs {file}, which is not copied before the restore."));
        Assert.All(build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(Dockerfile.CopySources),
            source => Assert.True(source.EndsWith(".csproj", StringComparison.Ordinal) || !source.StartsWith("src/", StringComparison.Ordinal),
                $"{source} is copied before the restore, so every source edit would invalidate the restore layer."));
        Assert.Contains(build.Skip(restore), i => i.Keyword == "COPY" && i.Arguments == "src/ src/");
    }

    [Fact]
    public void Images_RunAsTheImagesNonRootUser()
    {
        foreach (var target in new[] { "service", "cli" })
        {
            var user = Dockerfile[target].Where("USER").Last().Arguments;
            Assert.Equal("$APP_UID", user);
        }
    }

    [Fact]
    public void Entrypoints_RunTheAssembliesOfTheProjectsBuilt()
    {
        var cliProject = ComposeFile.BuildArgs(ComposeFile.Services["init"])["PROJECT"];
        Assert.Contains(Dockerfile["cli"].Where("RUN"), r => r.Arguments.Contains($"exec dotnet /app/{ProjectGraph.AssemblyName(cliProject)}.dll", StringComparison.Ordinal));
        Assert.Contains(Dockerfile["service"].Where("RUN"), r => r.Arguments.Contains("exec dotnet /app/%s.dll", StringComparison.Ordinal) && r.Arguments.Contains("\"$ASSEMBLY\"", StringComparison.Ordinal));
        foreach (var (name, service) in ComposeFile.TopologyServices())
        {
            var args = ComposeFile.BuildArgs(service);
            Assert.Equal(ProjectGraph.AssemblyName(args["PROJECT"]), args["ASSEMBLY"]);
            Assert.Equal(DeployedService.Named(name).ProjectFile, args["PROJECT"]);
        }
    }

    [Fact]
    public void ServiceImage_EnvironmentIsReadByEveryService()
    {
        foreach (var service in DeployedService.All)
        {
            var environment = ComposeFile.ImageEnvironment("service", new Dictionary<string, string> { ["PORT"] = $"{service.Port}" });

            Assert.Equal($"http://0.0.0.0:{service.Port}", environment["Urls"]);
            Assert.Empty(ServiceConfiguration.Problems(service, environment));
        }
    }

    [Fact]
    public void ServiceImage_StateDirectoryIsOnTheVolume()
    {
        var stateDir = ComposeFile.ImageEnvironment("service", new Dictionary<string, string>())["Streams__StateDir"];

        Assert.StartsWith(DeployFiles.StateVolume + "/", stateDir, StringComparison.Ordinal);
        Assert.Contains(Dockerfile["service"].Where("RUN"), r => r.Arguments.Contains($"chown \"$APP_UID\" {DeployFiles.StateVolume}", StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceImage_HealthcheckIsTheScriptGettingAMappedPath()
    {
        var healthcheck = Dockerfile["service"].Where("HEALTHCHECK").Single();
        var command = Dockerfile.ExecForm(healthcheck.Arguments).Single();
        var script = File.ReadAllText(RepositoryPaths.Of("deploy/healthz.sh"));

        Assert.Contains(Dockerfile["service"].Where("COPY"), c => c.Arguments == $"deploy/healthz.sh /usr/local/bin/{command}");
        Assert.Contains("GET /healthz ", script);
        Assert.Contains("${Urls##*:}", script);
        Assert.All(DeployedService.All, s => Assert.Contains("/healthz", s.MappedPaths()));
    }

    [Fact]
    public void RuntimeImage_InstallsRocksDbAndNoLibrdkafka()
    {
        var install = Dockerfile["runtime"].Where("RUN").Single(r => r.Arguments.Contains("apt-get install", StringComparison.Ordinal)).Arguments;

        Assert.DoesNotContain("librdkafka", install);
        Assert.Contains("'^librocksdb[0-9.]+$'", install);
        Assert.Contains($"/{NativeLibraries.RocksDb.ScanPrefix}*", install);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfile["runtime"].BaseImage, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Dockerfile["build"].BaseImage, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildStage_PublishFailsWithoutThePackagesLibrdkafka()
    {
        var publish = Dockerfile["build"].Where("RUN").Single(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;

        Assert.Contains($"&& ls /app/runtimes/linux-*/native/{NativeLibraries.RdKafka.Candidates[0]}", publish);
    }
}
