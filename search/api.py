"""GET /api/finder/: the finder for the site itself, partners and the evaluation."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .loader import get_index
from .querylog import log_query
from .service import FinderError, clean_params, find
from .text import MAX_QUERY_LENGTH


class FinderResultSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Vaste sleutel van de regeling, bijv. 'bezwaar'.")
    title = serializers.CharField()
    url = serializers.CharField(help_text="Adres van de regeling op deze website.")
    soort = serializers.CharField(help_text="Soort regeling, bijv. 'klacht' of 'ombudsman'.")
    score = serializers.FloatField(help_text="Hoe goed de regeling past; hoger is beter.")


class FinderResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
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
            "lege of ontbrekende `q` geeft alle regelingen voor de filters."
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
            results = find(query, gemeente, domein, limit, language)
            if query:
                log_query(query, "api", len(results), get_index(language).known_words)
        return Response(
            {"query": query, "results": [result.as_dict() for result in results]}
        )
