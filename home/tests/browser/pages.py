"""One address per public page type in each language, from the demo content."""

PAGE_TYPES = {
    "home": ("/lv/", "/en/"),
    "region index": ("/lv/regioni/", "/en/regions/"),
    "region": ("/lv/regioni/zemgale/", "/en/regions/zemgale/"),
    "municipality": (
        "/lv/regioni/zemgale/jekabpils-novads/",
        "/en/regions/zemgale/jekabpils-municipality/",
    ),
    "merged municipality": (
        "/lv/regioni/vidzeme/varaklanu-novads/",
        "/en/regions/vidzeme/varaklani-municipality/",
    ),
    "find your place": (
        "/lv/atrodi-savu-vietu/?region=zemgale&kindergarten=1&housing_now=1",
        "/en/find-your-place/?region=zemgale&kindergarten=1&housing_now=1",
    ),
    "find your place, all municipalities": ("/lv/atrodi-savu-vietu/", "/en/find-your-place/"),
    "find your place with a bad filter": (
        "/lv/atrodi-savu-vietu/?region=abc",
        "/en/find-your-place/?region=abc",
    ),
    "contact directory": ("/lv/kontakti/", "/en/contacts/"),
    "faq": ("/lv/buj/", "/en/faq/"),
    "story index": ("/lv/pieredzes-stasti/", "/en/stories/"),
    "story": (
        "/lv/pieredzes-stasti/no-dublinas-uz-kurzemi/",
        "/en/stories/from-dublin-to-kurzeme/",
    ),
    "filtered story index": (
        "/lv/pieredzes-stasti/?region=kurzeme&country=IE",
        "/en/stories/?region=kurzeme&country=IE",
    ),
    "news index": ("/lv/aktualitates/", "/en/news/"),
    "news index with a bad filter": ("/lv/aktualitates/?year=abc", "/en/news/?year=abc"),
    "news": (
        "/lv/aktualitates/varaklanu-novads-pievienots-madonas-novadam/",
        "/en/news/varaklani-merged-into-madona/",
    ),
    "events": ("/lv/pasakumi/", "/en/events/"),
    "online event with the registration form": (
        "/lv/regioni/zemgale/informacijas-diena-irija/",
        "/en/regions/zemgale/information-day-ireland/",
    ),
    "event in person": (
        "/lv/regioni/kurzeme/tiksanas-kuldiga/",
        "/en/regions/kurzeme/meeting-in-kuldiga/",
    ),
    "standard page": ("/lv/par-programmu/", "/en/about/"),
    "accessibility statement": ("/lv/pieklustamibas-pazinojums/", "/en/accessibility/"),
    "search results": ("/lv/search/?query=jekabpils", "/en/search/?query=jekabpils"),
    "search without results": ("/lv/search/?query=zzxqy", "/en/search/?query=zzxqy"),
    "empty search": ("/lv/search/", "/en/search/"),
    "not found": ("/lv/nav-tadas-lapas/", "/en/no-such-page/"),
}

ALL_PAGES = [
    (f"{name} ({language})", url)
    for name, urls in PAGE_TYPES.items()
    for language, url in zip(("lv", "en"), urls, strict=True)
]
