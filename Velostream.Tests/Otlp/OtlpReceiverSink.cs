using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>Hands requests from the gRPC services (created by the framework) to their receiver.</summary>
internal sealed class OtlpReceiverSink
{
    public OtlpReceiver? Receiver { get; set; }

    public void Add(ExportTraceServiceRequest request, string protocol) => Receiver?.Record(request, protocol);

    public void Add(ExportMetricsServiceRequest request, string protocol) => Receiver?.Record(request, protocol);

    public void Add(ExportLogsServiceRequest request, string protocol) => Receiver?.Record(request, protocol);
}
