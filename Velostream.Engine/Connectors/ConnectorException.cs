namespace Velostream.Engine.Connectors;

/// <summary>A connector could not be created or opened (unknown type, missing file, bad settings): the job fails with this message.</summary>
internal sealed class ConnectorException(string message, Exception? inner = null) : Exception(message, inner);
