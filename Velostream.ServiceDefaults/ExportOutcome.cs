namespace Velostream.ServiceDefaults;

/// <summary>What a counting exporter reports when an export fails.</summary>
internal static class ExportOutcome
{
    public static void Failed(TelemetryDrops drops, string signal, long items, string destination)
    {
        var failure = ExportFailureListener.Last;
        drops.ExportFailure(signal, failure?.Reason ?? TelemetryDrops.ExportFailed, items, destination,
            failure?.Message ?? "the exporter reported a failure without saying why");
    }
}
