namespace OrderStreams.Cli;

/// <summary>Process exit codes, from sysexits.h where one fits.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 64;
    public const int DataError = 65;
    public const int NoInput = 66;
    public const int MissingDependency = 69;
}
