using System.Diagnostics;

namespace OrderStreams.Testing;

/// <summary><c>promtool check metrics</c> (Debian package <c>prometheus</c>), which parses and lints a Prometheus exposition.</summary>
public static class Promtool
{
    /// <summary>The exit code and what promtool printed (empty when the exposition is clean).</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync();
        return (promtool.ExitCode, (await output + await errors).Trim());
    }
}
