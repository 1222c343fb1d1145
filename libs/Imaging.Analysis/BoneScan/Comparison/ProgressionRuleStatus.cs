using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>What the data show for the PCWG2 "2+2" bone-scan progression rule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProgressionRuleStatus>))]
public enum ProgressionRuleStatus
{
    /// <summary>Fewer new lesions than the rule needs.</summary>
    [JsonStringEnumMemberName("not-met")] NotMet,

    /// <summary>Enough new lesions on a first post-treatment scan (or with no confirmation pending): progression only once a
    /// confirmatory scan at least 6 weeks later shows at least two more.</summary>
    [JsonStringEnumMemberName("needs-confirmation")] NeedsConfirmation,

    /// <summary>The prior scan needed confirmation and this one, far enough after it, shows enough further new lesions.</summary>
    [JsonStringEnumMemberName("confirmed")] Confirmed,

    /// <summary>The prior scan needed confirmation but this one is too soon after it to confirm.</summary>
    [JsonStringEnumMemberName("confirmation-too-early")] ConfirmationTooEarly,

    /// <summary>The prior scan needed confirmation and this one does not show enough further new lesions.</summary>
    [JsonStringEnumMemberName("not-confirmed")] NotConfirmed,
}
