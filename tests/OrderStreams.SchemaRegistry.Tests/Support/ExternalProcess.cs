using System.ComponentModel;
using System.Diagnostics;

namespace OrderStreams.SchemaRegistry.Tests.Support;

/// <summary>Runs a program from another ecosystem (node, npm, python) to completion, with stdin and captured output.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
    }

    /// <exception cref="InvalidOperationException">The program is not installed; the message says what CI must install.</exception>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, string? standardInput = null, string? installHint = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is needed for this interop test and is not installed. {installHint}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within 5 minutes.");
            }
            return new Result(process.ExitCode, await output, await error);
        }
    }
}
