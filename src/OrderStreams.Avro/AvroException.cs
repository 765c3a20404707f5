namespace OrderStreams.Avro;

/// <summary>Base of every error raised by the Avro library.</summary>
public class AvroException : Exception
{
    public AvroException(string message)
        : base(message)
    {
    }

    public AvroException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
