using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting.Kafka;

/// <summary>
/// Stands in for <c>KafkaContainerExtensions.cs</c> in a build without Aspire.Hosting.Kafka
/// (<c>AspireHostingKafka=false</c>): such a build has the embedded profile only.
/// </summary>
public static class KafkaContainerExtensions
{
    /// <summary>Whether this build can model Kafka as a container.</summary>
    public static bool Available => false;

    /// <summary>Fails: this build has no Docker profile.</summary>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>Never returns.</returns>
    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name) =>
        throw new InvalidOperationException(
            $"The Docker profile needs Aspire.Hosting.Kafka to model '{name}', and this AppHost was built without it " +
            "(AspireHostingKafka=false). Build it where that package can be restored, or use --profile embedded.");
}
