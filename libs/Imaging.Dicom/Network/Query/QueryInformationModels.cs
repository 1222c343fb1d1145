using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>The SOP classes of each information model (PS3.4 C.6) and the levels it has.</summary>
public static class QueryInformationModels
{
    public static string FindSopClass(this QueryInformationModel model) => model == QueryInformationModel.PatientRoot
        ? DicomUids.PatientRootQueryRetrieveInformationModelFind.Uid
        : DicomUids.StudyRootQueryRetrieveInformationModelFind.Uid;

    public static string MoveSopClass(this QueryInformationModel model) => model == QueryInformationModel.PatientRoot
        ? DicomUids.PatientRootQueryRetrieveInformationModelMove.Uid
        : DicomUids.StudyRootQueryRetrieveInformationModelMove.Uid;

    public static string GetSopClass(this QueryInformationModel model) => model == QueryInformationModel.PatientRoot
        ? DicomUids.PatientRootQueryRetrieveInformationModelGet.Uid
        : DicomUids.StudyRootQueryRetrieveInformationModelGet.Uid;

    /// <summary>The model whose FIND, MOVE or GET SOP class <paramref name="sopClassUid"/> is.</summary>
    public static bool TryFromSopClass(string? sopClassUid, out QueryInformationModel model)
    {
        foreach (var candidate in (ReadOnlySpan<QueryInformationModel>)[QueryInformationModel.PatientRoot, QueryInformationModel.StudyRoot])
        {
            if (sopClassUid == candidate.FindSopClass() || sopClassUid == candidate.MoveSopClass() || sopClassUid == candidate.GetSopClass())
            {
                model = candidate;
                return true;
            }
        }
        model = default;
        return false;
    }

    /// <summary>The top level of the model: the levels above a query's level, down from here, need their unique keys.</summary>
    public static QueryRetrieveLevel TopLevel(this QueryInformationModel model) =>
        model == QueryInformationModel.PatientRoot ? QueryRetrieveLevel.Patient : QueryRetrieveLevel.Study;

    /// <summary>The SOP classes an SCP serving these models accepts, for <see cref="AssociationPolicy.AbstractSyntaxes"/>.</summary>
    public static IEnumerable<string> AllSopClasses(bool find = true, bool move = true, bool get = true)
    {
        foreach (var model in (QueryInformationModel[])[QueryInformationModel.PatientRoot, QueryInformationModel.StudyRoot])
        {
            if (find) yield return model.FindSopClass();
            if (move) yield return model.MoveSopClass();
            if (get) yield return model.GetSopClass();
        }
    }
}
