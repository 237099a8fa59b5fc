"""Public, read-only API of the verwijsgids for partners.

    GET /api/regelingen/            ?gemeente= &domein= &soort= &lang=nl|en &page= &page_size=
    GET /api/regelingen/<key>/      ?lang=nl|en

Only live, public pages. With `lang=en`, schemes without an English translation are given in
Dutch (`taal` says which). Unknown filter values answer 400 with `{"error": "..."}` in Dutch;
an unknown key or a page past the end answers 404 in the same shape. The OpenAPI description
(/api/schema/) lists the current municipalities and domains as enums: they are data.
"""

import re

from django.conf import settings
from django.utils import translation
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import (
    SOORT_KEYS,
    SOORTEN,
    Regeling,
    RegelingVolgendeStap,
    attach_vocabulaires,
    is_valid_key,
    regelingen_voor,
    vocabulaires,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
POSITIVE_INT = re.compile(r"^[0-9]{1,9}$")


# --- serializers: they describe the output (and are used to build it) -----------------------


class FoutSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Uitleg in het Nederlands.")


class TermSerializer(serializers.Serializer):
    key = serializers.CharField()
    naam = serializers.CharField()


class OrganisatieSerializer(serializers.Serializer):
    naam = serializers.CharField()
    website = serializers.CharField(allow_blank=True)
    telefoon = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    adres = serializers.CharField(allow_blank=True)
    bereikbaarheid = serializers.CharField(allow_blank=True)


class VolgendeStapSerializer(serializers.Serializer):
    key = serializers.CharField()
    titel = serializers.CharField()
    url = serializers.URLField()
    toelichting = serializers.CharField(allow_blank=True)


class RegelingSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Vaste sleutel, in elke taal gelijk.")
    titel = serializers.CharField()
    url = serializers.URLField()
    taal = serializers.ChoiceField(choices=LANGUAGES)
    soort = serializers.ChoiceField(choices=SOORT_KEYS)
    soort_label = serializers.CharField()
    lijn = serializers.ChoiceField(
        choices=[0, 1, 2],
        help_text="1 = eerst naar de organisatie zelf; 2 = daarna; 0 = hulp naast elke stap.",
    )
    domeinen = TermSerializer(many=True)
    landelijk = serializers.BooleanField(help_text="Werkt voor alle gemeenten (bereik 'alle').")
    bereik = serializers.ChoiceField(
        choices=["alle", "lijst", "behalve"],
        help_text="'alle': elke gemeente; 'lijst': alleen de gemeenten in 'gemeenten'; "
        "'behalve': elke gemeente behalve die in 'gemeenten'.",
    )
    gemeenten = TermSerializer(many=True)
    organisatie = OrganisatieSerializer(allow_null=True)
    samenvatting = serializers.CharField()
    waarvoor = serializers.CharField(allow_blank=True)
    voor_wie = serializers.CharField(allow_blank=True)
    niet_voor = serializers.CharField(allow_blank=True)
    stappen = serializers.ListField(child=serializers.CharField())
    voorbereiden = serializers.ListField(child=serializers.CharField())
    termijnen = serializers.CharField(allow_blank=True)
    kosten = serializers.CharField(allow_blank=True)
    wettelijke_basis = serializers.CharField(allow_blank=True)
    zoekwoorden = serializers.ListField(child=serializers.CharField())
    volgende_stappen = VolgendeStapSerializer(many=True, help_text="Kwam u er niet uit? Dan ...")
    laatst_gecontroleerd = serializers.DateField(allow_null=True)
    controle_status = serializers.ChoiceField(
        choices=["ok", "verlopen", "nooit"],
        help_text="'verlopen': langer dan 12 maanden geleden gecontroleerd; 'nooit': nog niet.",
    )
    melden_url = serializers.URLField(help_text="Het meldformulier van het SignaLeerpunt.")


class RegelingLijstSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0)
    page = serializers.IntegerField(min_value=1)
    pages = serializers.IntegerField(min_value=1)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = RegelingSerializer(many=True)


# --- building the output --------------------------------------------------------------------


def _melden_url(request, regeling, language):
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return request.build_absolute_uri(f"{prefix}/melden/?regeling={regeling.key}")


def _steps_for(regelingen):
    ids = [r.pk for r in regelingen]
    steps = (
        RegelingVolgendeStap.objects.filter(regeling_id__in=ids, doel__live=True)
        .select_related("doel")
        .order_by("sort_order", "pk")
    )
    result = {pk: [] for pk in ids}
    for step in steps:
        if step.doel_id != step.regeling_id:
            result[step.regeling_id].append(step)
    return result


def serialize(regelingen, request):
    regelingen = attach_vocabulaires(regelingen)
    steps = _steps_for(regelingen)
    items = []
    for r in regelingen:
        language = r.locale.language_code
        with translation.override(language):
            org = r.organisatie
            items.append({
                "key": r.key,
                "titel": r.title,
                "url": r.get_full_url(request),
                "taal": language,
                "soort": r.soort,
                "soort_label": str(r.get_soort_display()),
                "lijn": r.lijn,
                "domeinen": [{"key": d.key, "naam": d.label} for d in r.domeinen_lijst],
                "landelijk": r.landelijk,
                "bereik": r.bereik,
                "gemeenten": [{"key": g.key, "naam": g.label} for g in r.gemeenten_lijst],
                "organisatie": None if org is None else {
                    "naam": org.label, "website": org.website, "telefoon": org.phone,
                    "email": org.email, "adres": org.address,
                    "bereikbaarheid": org.opening_hours,
                },
                "samenvatting": r.samenvatting,
                "waarvoor": r.waarvoor,
                "voor_wie": r.voor_wie,
                "niet_voor": r.niet_voor,
                "stappen": r.stappen_lijst,
                "voorbereiden": r.voorbereiden_lijst,
                "termijnen": r.termijnen,
                "kosten": r.kosten,
                "wettelijke_basis": r.wettelijke_basis,
                "zoekwoorden": r.zoekwoorden_lijst,
                "volgende_stappen": [
                    {"key": s.doel.key, "titel": s.doel.title,
                     "url": s.doel.get_full_url(request), "toelichting": s.toelichting}
                    for s in steps[r.pk]
                ],
                "laatst_gecontroleerd": (
                    r.laatst_gecontroleerd.isoformat() if r.laatst_gecontroleerd else None
                ),
                "controle_status": r.controle_status,
                "melden_url": _melden_url(request, r, language),
            })
    return items


# --- parameters -----------------------------------------------------------------------------


class BadRequest(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotFound(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _lang(params):
    value = params.get("lang", settings.LANGUAGE_CODE)
    if value not in LANGUAGES:
        raise BadRequest(
            "Onbekende taal. Gebruik lang=" + " of lang=".join(LANGUAGES) + "."
        )
    return value


def _int(params, name, default, minimum, maximum):
    raw = params.get(name)
    if raw is None:
        return default
    if not POSITIVE_INT.match(raw) or not minimum <= int(raw) <= maximum:
        raise BadRequest(
            f"'{name}' moet een geheel getal zijn van {minimum} tot en met {maximum}."
        )
    return int(raw)


def _term(params, name, terms, label):
    raw = params.get(name)
    if raw is None:
        return None
    keys = {t.key: t for t in terms}
    if not is_valid_key(raw) or raw not in keys:
        raise BadRequest(f"Onbekende {label}. Kies uit: {', '.join(sorted(keys))}.")
    return keys[raw]


class VerwijsgidsSchema(AutoSchema):
    """Adds the query parameters with the current municipalities and domains as enums."""

    list_view = False

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        lang = OpenApiParameter(
            "lang", OpenApiTypes.STR, enum=LANGUAGES, default=settings.LANGUAGE_CODE,
            description="Taal van de teksten. Zonder vertaling krijgt u de Nederlandse tekst.",
        )
        if not self.list_view:
            return params + [lang]
        vocab = vocabulaires()
        return params + [
            OpenApiParameter(
                "gemeente", OpenApiTypes.STR, enum=[g.key for g in vocab["gemeenten"]],
                description="Alleen regelingen die deze gemeente bedienen (volgens hun "
                "bereik).",
            ),
            OpenApiParameter(
                "domein", OpenApiTypes.STR, enum=[d.key for d in vocab["domeinen"]],
                description="Alleen regelingen in dit domein.",
            ),
            OpenApiParameter(
                "soort", OpenApiTypes.STR, enum=SOORT_KEYS,
                description="Soort: " + ", ".join(f"{k} ({v})" for k, v in SOORTEN),
            ),
            lang,
            OpenApiParameter(
                "page", OpenApiTypes.INT, description="Paginanummer, vanaf 1.",
            ),
            OpenApiParameter(
                "page_size", OpenApiTypes.INT,
                description=f"Aantal per pagina, 1 tot en met {MAX_PAGE_SIZE} "
                f"(standaard {DEFAULT_PAGE_SIZE}).",
            ),
        ]

    def _get_parameters(self):
        parameters = super()._get_parameters()
        limits = {"page": (1, 999_999_999), "page_size": (1, MAX_PAGE_SIZE)}
        for parameter in parameters:
            if parameter.get("name") in limits and parameter.get("in") == "query":
                low, high = limits[parameter["name"]]
                parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
            if parameter.get("name") == "key" and parameter.get("in") == "path":
                parameter["schema"] = {
                    "type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 80,
                }
        return parameters


class ListSchema(VerwijsgidsSchema):
    list_view = True


class BaseView(APIView):
    authentication_classes = []
    permission_classes = []
    http_method_names = ["get", "head", "options"]

    def handle_exception(self, exc):
        if isinstance(exc, BadRequest):
            return Response({"error": exc.message}, status=400)
        if isinstance(exc, NotFound):
            return Response({"error": exc.message}, status=404)
        if isinstance(exc, exceptions.MethodNotAllowed):
            response = Response(
                {"error": "Deze API is alleen te lezen: gebruik GET."}, status=405
            )
            return response
        if isinstance(exc, exceptions.APIException):
            return Response({"error": "Dit verzoek kunnen wij niet verwerken."},
                            status=exc.status_code)
        return super().handle_exception(exc)


ERRORS_LIST = {
    400: OpenApiResponse(FoutSerializer, description="Onbekende filterwaarde of parameter."),
    404: OpenApiResponse(FoutSerializer, description="Deze pagina bestaat niet."),
}


class RegelingenList(BaseView):
    schema = ListSchema()

    @extend_schema(
        operation_id="regelingen_list",
        summary="Alle regelingen van de verwijsgids",
        description="Gepubliceerde regelingen, gesorteerd op sleutel. Filters combineren met EN.",
        responses={200: RegelingLijstSerializer, **ERRORS_LIST},
        tags=["verwijsgids"],
    )
    def get(self, request):
        params = request.query_params
        vocab = vocabulaires()
        lang = _lang(params)
        gemeente = _term(params, "gemeente", vocab["gemeenten"], "gemeente")
        domein = _term(params, "domein", vocab["domeinen"], "domein")
        soort = params.get("soort")
        if soort is not None and soort not in SOORT_KEYS:
            raise BadRequest(f"Onbekende soort. Kies uit: {', '.join(SOORT_KEYS)}.")
        page = _int(params, "page", 1, 1, 999_999_999)
        page_size = _int(params, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        qs = (
            regelingen_voor(gemeente=gemeente, domein=domein, soort=soort, locale=lang,
                            fallback=True)
            .select_related("organisatie", "locale")
            .order_by("key", "locale_id")
        )
        count = qs.count()
        pages = max(1, -(-count // page_size))
        if page > pages:
            raise NotFound(f"Deze pagina bestaat niet. Er {'is' if pages == 1 else 'zijn'} "
                           f"{pages} pagina('s).")
        items = list(qs[(page - 1) * page_size: page * page_size])

        def link(number):
            query = params.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return Response({
            "count": count,
            "page": page,
            "pages": pages,
            "next": link(page + 1) if page < pages else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": serialize(items, request),
        })


class RegelingDetail(BaseView):
    schema = VerwijsgidsSchema()

    @extend_schema(
        operation_id="regelingen_retrieve",
        summary="Eén regeling",
        responses={
            200: RegelingSerializer,
            400: OpenApiResponse(FoutSerializer, description="Onbekende taal."),
            404: OpenApiResponse(FoutSerializer, description="Onbekende sleutel."),
        },
        tags=["verwijsgids"],
    )
    def get(self, request, key):
        lang = _lang(request.query_params)
        if not is_valid_key(key):
            raise NotFound("Deze regeling bestaat niet.")
        candidates = (
            regelingen_voor(locale=lang, fallback=True)
            .filter(key=key)
            .select_related("organisatie", "locale")
        )
        regeling = next(iter(candidates), None)
        if regeling is None:
            raise NotFound(f"Er is geen gepubliceerde regeling met de sleutel '{key}'.")
        return Response(serialize([regeling], request)[0])


__all__ = ["RegelingenList", "RegelingDetail", "Regeling"]
