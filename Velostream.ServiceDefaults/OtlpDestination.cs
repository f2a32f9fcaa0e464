using OpenTelemetry.Exporter;

namespace Velostream.ServiceDefaults;

/// <summary>Where one exporter sends its data: the full URL it posts to and the wire protocol.</summary>
public sealed record OtlpDestination(Uri Endpoint, OtlpExportProtocol Protocol)
{
    public string ProtocolName => Protocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf";

    public override string ToString() => $"{Endpoint} ({ProtocolName})";
}
