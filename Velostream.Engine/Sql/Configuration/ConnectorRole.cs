namespace Velostream.Engine.Sql.Configuration;

internal enum ConnectorRole
{
    Source,
    Sink,
}
