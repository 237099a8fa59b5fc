"""GET /api/finder/: the finder for the site itself, partners and the evaluation."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import crisis as crisis_help
from .loader import get_index
from .querylog import log_query
from .service import FinderError, clean_params, find, suggestion
from .text import MAX_QUERY_LENGTH


class FinderResultSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Vaste sleutel van de regeling, bijv. 'bezwaar'.")
    title = serializers.CharField()
    url = serializers.CharField(help_text="Adres van de regeling op deze website.")
    soort = serializers.CharField(help_text="Soort regeling, bijv. 'klacht' of 'ombudsman'.")
    score = serializers.FloatField(help_text="Hoe goed de regeling past; hoger is beter.")


class CrisisNumberSerializer(serializers.Serializer):
    naam = serializers.CharField()
    nummer = serializers.CharField(help_text="Zoals getoond, bijv. '113 of 0800-0113'.")
    tel = serializers.ListField(child=serializers.CharField(), help_text="Cijfers om te bellen.")
    toelichting = serializers.CharField()


class CrisisSerializer(serializers.Serializer):
    titel = serializers.CharField()
    intro = serializers.CharField()
    nummers = CrisisNumberSerializer(many=True)
    slot = serializers.CharField()
    woorden = serializers.ListField(
        child=serializers.CharField(), help_text="De crisiswoorden die in de vraag stonden."
    )


class FinderResponseSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="De vraag zoals getypt (nooit verbeterd).")
    suggestion = serializers.CharField(allow_null=True, help_text=(
        "De vraag met alleen de verkeerd gespelde woorden verbeterd ('Bedoelde u …?'), of "
        "null. Echte Nederlandse of Engelse woorden worden nooit veranderd."))
    crisis = CrisisSerializer(
        allow_null=True,
        help_text="Hulp bij gevaar (112, Veilig Thuis, 113, huisartsenpost): toon dit vóór de "
                  "resultaten. Leeg (null) bij gewone vragen.",
    )
    results = FinderResultSerializer(many=True)


ErrorSerializer = inline_serializer(
    "FinderError", fields={"error": serializers.CharField(), "field": serializers.CharField()}
)


class FinderView(APIView):
    """Vind de juiste regeling bij een vraag in gewone woorden."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        operation_id="finder",
        summary="Vind de juiste klachtenregeling",
        description=(
            "Geeft de regelingen uit de verwijsgids die het best bij de vraag passen, de beste "
            "eerst. Met `gemeente` blijven regelingen weg die die gemeente niet bedienen. Een "
            "lege of ontbrekende `q` geeft alle regelingen voor de filters. Spreekt de vraag "
            "van geweld, bedreiging, mishandeling, zelfmoord of acuut gevaar, dan staat in "
            "`crisis` de hulp die vóór de resultaten getoond moet worden."
        ),
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description=(
                f"De vraag in gewone woorden (maximaal {MAX_QUERY_LENGTH} tekens).")),
            OpenApiParameter("gemeente", OpenApiTypes.STR, description=(
                "Sleutel van een gemeente, bijv. 'haarlem'.")),
            OpenApiParameter("domein", OpenApiTypes.STR, description=(
                "Sleutel van een domein: wmo, jeugd, werk-inkomen, schulden, zorg, gemeente.")),
            OpenApiParameter("limit", OpenApiTypes.INT, description=(
                "Hoeveel resultaten maximaal (1-100, standaard 20).")),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=["nl", "en"], description=(
                "Taal van titels en adressen (standaard nl).")),
            OpenApiParameter("letterlijk", OpenApiTypes.STR, enum=["1"], description=(
                "Met 1 zoekt de finder alleen op de woorden zoals getypt, zonder tikfouten "
                "te verbeteren ('Zoek toch op …').")),
        ],
        responses={200: FinderResponseSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        language = request.query_params.get("lang", "nl")
        if language not in ("nl", "en"):
            return Response(
                {"error": "Onbekende taal. Gebruik lang=nl of lang=en.", "field": "lang"},
                status=400,
            )
        raw_query = request.query_params.get("q", "")
        with translation.override(language):
            try:
                query, gemeente, domein, limit = clean_params(
                    raw_query,
                    request.query_params.get("gemeente"),
                    request.query_params.get("domein"),
                    request.query_params.get("limit"),
                    language,
                )
            except FinderError as error:
                return Response({"error": error.message, "field": error.field}, status=400)
            literal = request.query_params.get("letterlijk") == "1"
            results = find(query, gemeente, domein, limit, language, correct=not literal)
            suggested = "" if literal or not query else suggestion(query, language)
            crisis = None
            if query:
                crisis = crisis_help.api_data(query, "api", language)
                if crisis is None:  # crisis questions: counted per crisis word, not logged
                    log_query(query, "api", len(results), get_index(language).known_words)
        return Response({
            "query": query, "suggestion": suggested or None, "crisis": crisis,
            "results": [result.as_dict() for result in results],
        })
