using System.Diagnostics;

namespace OrderStreams.Cli.Tests.Platform.Dashboard;

/// <summary>Debian's chromium, headless, in a fresh profile: the page's DOM after its scripts ran, and a screenshot.</summary>
internal static class HeadlessChromium
{
    // Virtual time runs the page's timers and waits for its fetches, so the DOM holds what the page rendered from them.
    private const string VirtualTimeBudget = "--virtual-time-budget=10000";

    public static Task<string> DumpDomAsync(Uri url) => RunAsync(url, "--dump-dom");

    public static async Task<byte[]> ScreenshotAsync(Uri url)
    {
        var file = Path.Combine(Path.GetTempPath(), $"orderstreams-dashboard-{Guid.NewGuid():N}.png");
        try
        {
            await RunAsync(url, $"--screenshot={file}", "--window-size=1400,2200");
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(Uri url, params string[] mode)
    {
        var profile = Directory.CreateTempSubdirectory("orderstreams-chromium-");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/chromium")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", VirtualTimeBudget,
            }.Concat(mode).Append(url.ToString()))
            {
                start.ArgumentList.Add(arg);
            }
            using var chromium = Process.Start(start)!;
            var output = chromium.StandardOutput.ReadToEndAsync();
            var errors = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await chromium.WaitForExitAsync(timeout.Token);
            if (chromium.ExitCode != 0) throw new InvalidOperationException($"chromium exited {chromium.ExitCode}: {await errors}");
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
