namespace OrderStreams.Avro.Schemas;

/// <summary>Avro name rules: <c>[A-Za-z_][A-Za-z0-9_]*</c> segments joined by dots.</summary>
internal static class AvroName
{
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
            return false;
        foreach (var c in name.AsSpan(1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                return false;
        }

        return true;
    }

    public static void ValidateFullName(string fullName)
    {
        foreach (var part in fullName.Split('.'))
        {
            if (!IsValidName(part))
                throw new ArgumentException($"'{fullName}' is not a valid Avro name.", nameof(fullName));
        }
    }

    /// <summary>A name containing a dot is already full; otherwise it lives in <paramref name="ns"/>.</summary>
    public static string Qualify(string name, string? ns) =>
        name.Contains('.') || string.IsNullOrEmpty(ns) ? name : ns + "." + name;

    public static string? NamespaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? null : fullName[..dot];
    }
}
