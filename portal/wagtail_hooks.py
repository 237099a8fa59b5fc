from wagtail import hooks


@hooks.register("on_serve_page")
def mark_page_cacheable(next_serve_page):
    """Let the page cache store live pages served to anonymous visitors."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if not getattr(request, "is_preview", False) and getattr(page, "page_cache", True):
            response.page_cacheable = True
        return response

    return serve
