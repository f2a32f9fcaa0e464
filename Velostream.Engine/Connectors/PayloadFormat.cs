namespace Velostream.Engine.Connectors;

/// <summary>How a source's payload bytes are encoded.</summary>
public enum PayloadFormat
{
    /// <summary>One JSON object per record (JSON lines for files, JSON values for Kafka).</summary>
    Json,
    /// <summary>Comma-separated values with a header row naming the columns.</summary>
    Csv,
}
