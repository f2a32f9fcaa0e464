namespace Velostream.Tests.Monitoring;

public sealed class PromQlSelectorsTests
{
    [Fact]
    public void Grouping_labels_apply_to_the_metrics_inside_the_aggregation_only()
    {
        var uses = PromQlSelectors.Extract(
            "sum by (service) (rate(a_total{status_code=\"STATUS_CODE_ERROR\"}[1m])) / sum(rate(b_total[1m])) by (span_name)");

        Assert.Equal(2, uses.Count);
        Assert.Equal("a_total", uses[0].Metric);
        Assert.Equal(["service", "status_code"], uses[0].Labels.Order(StringComparer.Ordinal));
        Assert.Equal("b_total", uses[1].Metric);
        Assert.Equal(["span_name"], uses[1].Labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Functions_numbers_and_nested_aggregations_are_not_metrics()
    {
        var uses = PromQlSelectors.Extract(
            "histogram_quantile(0.95, sum by (le, client, server) (rate(x_bucket[1m] offset 5m))) > bool 0");

        var use = Assert.Single(uses);
        Assert.Equal("x_bucket", use.Metric);
        Assert.Equal(["client", "le", "server"], use.Labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Vector_matching_is_rejected_rather_than_misread()
    {
        Assert.Throws<NotSupportedException>(() => PromQlSelectors.Extract("a / on (job) b"));
    }

    [Fact]
    public void Grafana_label_values_variable_reads_as_a_metric_and_label()
    {
        var use = PromQlSelectors.LabelValuesQuery("label_values(velostream_records_consumed_total, velostream_job_name)");

        Assert.NotNull(use);
        Assert.Equal("velostream_records_consumed_total", use.Metric);
        Assert.Equal(["velostream_job_name"], use.Labels);
    }
}
