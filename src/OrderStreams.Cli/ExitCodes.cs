namespace OrderStreams.Cli;

/// <summary>Process exit codes, from sysexits.h where one fits.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;

    /// <summary>The cluster differs from what was asked for, and the command left it so (e.g. <c>topics apply</c>: a topic differs from the manifest).</summary>
    public const int Drift = 2;

    /// <summary>A dry run found changes to make (e.g. <c>topics apply --dry-run</c>: topics to create).</summary>
    public const int PendingChanges = 3;
    public const int Usage = 64;
    public const int DataError = 65;
    public const int NoInput = 66;
    public const int MissingDependency = 69;
    public const int IoError = 74;
}
