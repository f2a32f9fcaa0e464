using System.Text;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// Real Prometheus code checks the configuration and evaluates every dashboard expression: each becomes
/// a recording rule, and <c>promtool test rules</c> runs the rules over series shaped like those Tempo's
/// metrics-generator and the engine write, asserting the values the panels would show.
/// </summary>
public sealed class PromtoolTests
{
    // 15 s samples for 10 minutes; expressions are evaluated at 5 m.
    private const string TempoSeries = """
          - series: 'traces_spanmetrics_calls_total{service="trading-feed",span_name="send market_data",span_kind="SPAN_KIND_PRODUCER",status_code="STATUS_CODE_UNSET"}'
            values: '0+4x40'
          - series: 'traces_spanmetrics_calls_total{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET"}'
            values: '0+3x40'
          - series: 'traces_spanmetrics_calls_total{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_ERROR"}'
            values: '0+1x40'
          - series: 'traces_spanmetrics_calls_total{service="alert-monitor",span_name="process price_alerts",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET"}'
            values: '0+2x40'
          - series: 'traces_spanmetrics_latency_bucket{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET",le="0.1"}'
            values: '0+80x40'
          - series: 'traces_spanmetrics_latency_bucket{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET",le="0.2"}'
            values: '0+100x40'
          - series: 'traces_spanmetrics_latency_bucket{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET",le="+Inf"}'
            values: '0+100x40'
          - series: 'traces_spanmetrics_latency_sum{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET"}'
            values: '0+12x40'
          - series: 'traces_spanmetrics_latency_count{service="velostream-engine",span_name="process market_data",span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_UNSET"}'
            values: '0+100x40'
          - series: 'traces_service_graph_request_total{client="trading-feed",server="velostream-engine",connection_type="messaging_system"}'
            values: '0+15x40'
          - series: 'traces_service_graph_request_total{client="velostream-engine",server="alert-monitor",connection_type="messaging_system"}'
            values: '0+15x40'
          - series: 'traces_service_graph_request_failed_total{client="velostream-engine",server="alert-monitor",connection_type="messaging_system"}'
            values: '0+0x40'
          - series: 'traces_service_graph_request_messaging_system_seconds_bucket{client="trading-feed",server="velostream-engine",connection_type="messaging_system",le="0.25"}'
            values: '0+12x40'
          - series: 'traces_service_graph_request_messaging_system_seconds_bucket{client="trading-feed",server="velostream-engine",connection_type="messaging_system",le="0.5"}'
            values: '0+20x40'
          - series: 'traces_service_graph_request_messaging_system_seconds_bucket{client="trading-feed",server="velostream-engine",connection_type="messaging_system",le="+Inf"}'
            values: '0+20x40'
""";

    // Shaped like the engine's OTLP metrics after Prometheus's OTLP translation: service.name becomes job.
    private const string EngineSeries = """
          - series: 'velostream_records_consumed_total{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",messaging_destination_name="market_data"}'
            values: '0+30x40'
          - series: 'velostream_records_produced_total{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",messaging_destination_name="price_alerts"}'
            values: '0+3x40'
          - series: 'velostream_records_failed_total{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",messaging_destination_name="market_data",error_type="decode_error"}'
            values: '0+1x40'
          - series: 'velostream_records_late_total{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",messaging_destination_name="market_data"}'
            values: '0+1x40'
          - series: 'velostream_records_dead_lettered_total{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",messaging_destination_name="market_data"}'
            values: '0+1x40'
          - series: 'velostream_consumer_lag{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",messaging_destination_name="market_data"}'
            values: '7+0x40'
          - series: 'velostream_consumer_lag{job="velostream-engine",instance="engine-2",velostream_job_name="price_alerts",messaging_destination_name="market_data"}'
            values: '5+0x40'
          - series: 'velostream_record_processing_duration_seconds_bucket{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",le="0.001"}'
            values: '0+8x40'
          - series: 'velostream_record_processing_duration_seconds_bucket{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",le="0.005"}'
            values: '0+10x40'
          - series: 'velostream_record_processing_duration_seconds_bucket{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts",le="+Inf"}'
            values: '0+10x40'
          - series: 'velostream_window_keys{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts"}'
            values: '12+0x40'
          - series: 'velostream_window_open{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts"}'
            values: '3+0x40'
          - series: 'velostream_join_buffered_rows{job="velostream-engine",instance="engine-1",velostream_job_name="arbitrage_opportunities"}'
            values: '40+0x40'
          - series: 'velostream_jobs_active{job="velostream-engine",instance="engine-1",velostream_job_name="price_alerts"}'
            values: '1+0x40'
          - series: 'velostream_jobs_active{job="velostream-engine",instance="engine-1",velostream_job_name="volume_spikes"}'
            values: '1+0x40'
          - series: 'velostream_telemetry_dropped_total{job="velostream-engine",instance="engine-1",signal="traces",reason="queue_full"}'
            values: '0+60x40'
          - series: 'velostream_telemetry_dropped_total{job="velostream-engine",instance="engine-1",signal="traces",reason="timeout"}'
            values: '0+0x40'
          - series: 'velostream_telemetry_dropped_total{job="alert-monitor",instance="monitor-1",signal="logs",reason="export_failed"}'
            values: '0+0x40'
""";

    [Fact]
    public void Prometheus_config_passes_promtool_check_config()
    {
        var (exitCode, output) = Promtool.Run(MonitoringFiles.RepositoryRoot, "check", "config", MonitoringFiles.PrometheusConfig);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_dashboard_expression_evaluates_to_the_values_its_panel_should_show()
    {
        var rules = DashboardRules();
        var assertions = new StringBuilder();

        // Every panel shows something over series shaped like the pipeline's.
        foreach (var rule in rules.Keys)
        {
            Expect(assertions, $"count({rule}) > bool 0", ("{}", "1"));
        }

        // The numbers the panels are about.
        Expect(assertions, "velostream_tracing:active_services:a", ("{__name__=\"velostream_tracing:active_services:a\"}", "3"));
        Expect(assertions, "velostream_tracing:error_rate_by_service:a",
            ("velostream_tracing:error_rate_by_service:a{service=\"alert-monitor\"}", "0"),
            ("velostream_tracing:error_rate_by_service:a{service=\"trading-feed\"}", "0"),
            ("velostream_tracing:error_rate_by_service:a{service=\"velostream-engine\"}", "25"));
        // 80 of 100 calls within 0.1 s, all within 0.2 s: the 95th is 3/4 into the second bucket.
        Expect(assertions, "velostream_tracing:latency_percentiles_by_service:b",
            ("velostream_tracing:latency_percentiles_by_service:b{service=\"velostream-engine\"}", "0.175"));
        Expect(assertions, "velostream_tracing:service_graph_edges:a",
            ("velostream_tracing:service_graph_edges:a{client=\"trading-feed\",server=\"velostream-engine\",connection_type=\"messaging_system\"}", "1"),
            ("velostream_tracing:service_graph_edges:a{client=\"velostream-engine\",server=\"alert-monitor\",connection_type=\"messaging_system\"}", "1"));
        // 12 of 20 records within 250 ms, all within 500 ms: the 95th (19th) is 7/8 into the second bucket.
        Expect(assertions, "velostream_tracing:messaging_latency_between_services:a",
            ("velostream_tracing:messaging_latency_between_services:a{client=\"trading-feed\",server=\"velostream-engine\"}", "0.46875"));
        Expect(assertions, "velostream_engine:active_jobs:a", ("{__name__=\"velostream_engine:active_jobs:a\"}", "2"));
        Expect(assertions, "velostream_engine:window_and_join_state:c",
            ("velostream_engine:window_and_join_state:c{velostream_job_name=\"arbitrage_opportunities\"}", "40"));
        Expect(assertions, "velostream_engine:consumer_lag:a",
            ("velostream_engine:consumer_lag:a{velostream_job_name=\"price_alerts\",messaging_destination_name=\"market_data\"}", "12"));
        // 60 spans turned away every 15 s: 4 a second, per service, signal and reason; zero where nothing was lost.
        Expect(assertions, "velostream_engine:telemetry_dropped:a",
            ("velostream_engine:telemetry_dropped:a{job=\"velostream-engine\",signal=\"traces\",reason=\"queue_full\"}", "4"),
            ("velostream_engine:telemetry_dropped:a{job=\"velostream-engine\",signal=\"traces\",reason=\"timeout\"}", "0"),
            ("velostream_engine:telemetry_dropped:a{job=\"alert-monitor\",signal=\"logs\",reason=\"export_failed\"}", "0"));

        var folder = Directory.CreateTempSubdirectory("velostream-promtool-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "dashboards.rules.yml"), RulesFile(rules));
            File.WriteAllText(Path.Combine(folder.FullName, "dashboards.test.yml"), string.Join('\n',
                "rule_files:",
                "  - dashboards.rules.yml",
                "evaluation_interval: 15s",
                "tests:",
                "  - interval: 15s",
                "    input_series:",
                TempoSeries,
                EngineSeries,
                "    promql_expr_test:",
                assertions.ToString()));

            var check = Promtool.Run(folder.FullName, "check", "rules", "dashboards.rules.yml");
            Assert.True(check.ExitCode == 0, check.Output);

            var (exitCode, output) = Promtool.Run(folder.FullName, "test", "rules", "dashboards.test.yml");
            Assert.True(exitCode == 0, output);
            Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One recording rule per PromQL query of every dashboard, named dashboard:panel:refid.</summary>
    private static Dictionary<string, string> DashboardRules()
    {
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var query in MonitoringFiles.Dashboards.SelectMany(GrafanaDashboard.Queries).Where(q => q.Expression is not null))
        {
            var name = string.Join(':', Slug(Path.GetFileNameWithoutExtension(query.Dashboard)), Slug(query.Panel), Slug(query.RefId));
            rules.Add(name, GrafanaDashboard.SubstituteVariables(query.Expression!));
        }
        return rules;
    }

    private static string RulesFile(Dictionary<string, string> rules)
    {
        var text = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        foreach (var (record, expression) in rules)
        {
            text.Append("      - record: ").Append(record).Append('\n')
                .Append("        expr: ").Append(Quote(expression)).Append('\n');
        }
        return text.ToString();
    }

    private static void Expect(StringBuilder tests, string expression, params (string Labels, string Value)[] samples)
    {
        tests.Append("          - expr: ").Append(Quote(expression)).Append('\n')
            .Append("            eval_time: 5m\n")
            .Append("            exp_samples:\n");
        foreach (var (labels, value) in samples)
        {
            tests.Append("              - labels: ").Append(Quote(labels)).Append('\n')
                .Append("                value: ").Append(value).Append('\n');
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Slug(string text) =>
        string.Concat(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')).Trim('_').Replace("__", "_", StringComparison.Ordinal);
}
