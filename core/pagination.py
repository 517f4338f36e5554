from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, object_list, per_page):
    """The requested page of `object_list`; a malformed or out-of-range `?page=` is a 404."""
    try:
        return Paginator(object_list, per_page).page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
