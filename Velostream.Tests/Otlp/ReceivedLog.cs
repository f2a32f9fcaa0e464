using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>One log record as it arrived, with the resource of the service that sent it.</summary>
public sealed record ReceivedLog(IReadOnlyDictionary<string, string> Resource, string Scope, LogRecord Record, string Protocol)
{
    public string ServiceName => Resource.GetValueOrDefault("service.name", "");

    public string Body => OtlpAttributes.Render(Record.Body);
}
